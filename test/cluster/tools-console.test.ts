import { describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { closeConsoles } from "@/lib/redis/console";
import { withCluster } from "../cluster-harness";
import { call } from "../harness";
import * as r from "../routes";

// The console on a real six-node cluster: key commands go to the master of their key's slot
// (a binary key included), node commands take `node`, keyless ones without it are 400 naming
// the nodes, and read-only mode still refuses writes.

const c = withCluster();
const params = { conn: "default", db: "0" };
const b64 = (b: Buffer) => ({ b64: b.toString("base64") });
const cli = (body: unknown) => call(r.cli.POST, { params, body });

async function portOf(key: Buffer): Promise<number> {
  const client = await c.nodeFor(key);
  return client.options.port as number;
}

describe("the console on a cluster", () => {
  it("routes SET and GET of a binary key to the master of its slot", async () => {
    const key = Buffer.from([0xff, 0x00, 0xfe, 0x80, 0x7b]);
    const value = Buffer.from([0xc3, 0x28, 0x00]);
    const set = await cli({ args: [b64(Buffer.from("SET")), b64(key), b64(value)] });
    expect(set.status).toBe(200);
    expect(set.json.reply).toEqual({ type: "status", value: "OK" });
    expect(set.json.node).toBe(`127.0.0.1:${await portOf(key)}`);
    expect(Buffer.compare((await (await c.nodeFor(key)).getBuffer(key)) as Buffer, value)).toBe(0);
    const get = await cli({ args: [b64(Buffer.from("GET")), b64(key)] });
    expect(get.status).toBe(200);
    expect(get.json.node).toBe(set.json.node);
    expect(JSON.stringify(get.json.reply)).toContain(value.toString("base64"));
  });

  it("routes every key of the three masters right", async () => {
    const nodes = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const { status, json } = await cli({ line: `SET k:${i} v${i}` });
      expect(status).toBe(200);
      nodes.add(json.node);
    }
    expect(nodes.size).toBe(3);
  });

  it("runs a node command on the node given, a replica included", async () => {
    const masterPorts = (await c.cluster.masters()).map((m) => m.port);
    const replicaPort = c.cluster.ports.find((p) => !masterPorts.includes(p)) as number;
    const { status, json } = await cli({
      line: "INFO replication",
      node: `127.0.0.1:${replicaPort}`,
    });
    expect(status).toBe(200);
    expect(json.node).toBe(`127.0.0.1:${replicaPort}`);
    expect(Buffer.from(JSON.stringify(json.reply)).toString()).toContain("role:slave");
    const dbsize = await cli({ line: "DBSIZE", node: `127.0.0.1:${masterPorts[0]}` });
    expect(dbsize.json.reply.type).toBe("integer");
  });

  it("refuses a keyless command without node, naming the nodes", async () => {
    const { status, json } = await cli({ line: "INFO" });
    expect(status).toBe(400);
    expect(json.error.message).toMatch(/node/);
    for (const port of c.cluster.ports) expect(json.error.message).toContain(`127.0.0.1:${port}`);
  });

  it("refuses a node that is not part of the cluster, and a malformed one", async () => {
    const bad = await cli({ line: "INFO", node: "127.0.0.1:1" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain(`127.0.0.1:${c.cluster.ports[0]}`);
    const malformed = await cli({ line: "INFO", node: "not a node" });
    expect(malformed.status).toBe(400);
  });

  it("explains a multi-key command across slots", async () => {
    const { status, json } = await cli({ line: "MGET a b c d e f" });
    expect(status).toBe(400);
    expect(json.error.message).toContain("CROSSSLOT");
    const same = await cli({ line: "MGET {t}a {t}b" });
    expect(same.status).toBe(200);
  });

  it("keeps one console connection per node used", async () => {
    await closeConsoles();
    for (const port of c.cluster.ports) await cli({ line: "PING", node: `127.0.0.1:${port}` });
    for (const port of c.cluster.ports) await cli({ line: "PING", node: `127.0.0.1:${port}` });
    const masters = await c.masters();
    let consoles = 0;
    for (const m of masters) {
      const list = (await m.call("CLIENT", "LIST")) as string;
      consoles += list.split("\n").filter((l) => l.includes("name=keyscope-console")).length;
    }
    expect(consoles).toBe(3); // one per master (the replicas have theirs)
    await closeConsoles();
  });

  it("refuses writes in read-only mode", async () => {
    process.env.KEYSCOPE_READ_ONLY = "1";
    resetConfigForTests();
    try {
      const { status, json } = await cli({ line: "SET ro v" });
      expect(status).toBe(403);
      expect(json.error.code).toBe("READ_ONLY");
      expect((await cli({ line: "GET ro" })).status).toBe(200);
    } finally {
      delete process.env.KEYSCOPE_READ_ONLY;
      resetConfigForTests();
    }
  });
});
