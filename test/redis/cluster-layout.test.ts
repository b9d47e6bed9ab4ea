import { describe, expect, it } from "vitest";
import { parseClusterNodes } from "@/lib/redis/cluster-layout";

// CLUSTER NODES as Redis 7 prints it, with a slot in migration, a failing master, a node in
// handshake and a hostname after the address.
const TEXT = [
  "a1 10.0.0.1:7000@17000,host-a myself,master - 0 0 1 connected 0-5460 [5461->-b2]",
  "b2 10.0.0.2:7001@17001 master - 0 1700000000 2 connected 5461-10922",
  "c3 10.0.0.3:7002@17002 master,fail - 0 0 3 disconnected 10923-16383",
  "d4 10.0.0.4:7003@17003 slave a1 0 0 1 connected",
  "e5 10.0.0.5:7004@17004 handshake - 0 0 0 connected",
  "",
].join("\n");

describe("parseClusterNodes", () => {
  it("reads ids, roles, slots, link state and failure, and maps addresses through natMap", () => {
    const nodes = parseClusterNodes(TEXT, { "10.0.0.2:7001": "127.0.0.1:17001" });
    expect(nodes.map((n) => n.id)).toEqual(["a1", "b2", "c3", "d4"]);
    expect(nodes[0]).toMatchObject({
      addr: "10.0.0.1:7000",
      role: "master",
      masterId: null,
      slots: [[0, 5460]],
      linkState: "connected",
      failing: false,
      flags: ["master"],
    });
    expect(nodes[1]).toMatchObject({ addr: "127.0.0.1:17001", announced: "10.0.0.2:7001" });
    expect(nodes[2]).toMatchObject({
      failing: true,
      linkState: "disconnected",
      slots: [[10923, 16383]],
    });
    expect(nodes[3]).toMatchObject({ role: "replica", masterId: "a1", slots: [] });
  });
});
