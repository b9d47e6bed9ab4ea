import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";
import { parseClusterUrl } from "./connection-modes";

// Cluster and Sentinel connections from the environment (lib/connection-modes.ts).

const dir = mkdtempSync(join(tmpdir(), "keyscope-config-topology-"));
function file(content: unknown): string {
  const p = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(p, JSON.stringify(content));
  return p;
}

describe("cluster and sentinel connections", () => {
  it("reads REDIS_URL=redis+cluster:// as a cluster's seeds, credentials kept in the URL", () => {
    const c = loadConfig({ REDIS_URL: "redis+cluster://u:p%40ss@10.0.0.1:7000,10.0.0.2:7001" });
    expect(c.connections[0]).toMatchObject({
      id: "default",
      url: "redis://u:p%40ss@10.0.0.1:7000",
      topology: { mode: "cluster", seeds: ["10.0.0.1:7000", "10.0.0.2:7001"] },
    });
    expect(parseClusterUrl("rediss+cluster://[::1]:7000")).toEqual({
      url: "rediss://[::1]:7000",
      seeds: ["[::1]:7000"],
    });
    for (const bad of [
      "redis+cluster://",
      "redis+cluster://h",
      "redis+cluster://h:1,,h:2",
      "http+cluster://h:1",
    ])
      expect(parseClusterUrl(bad), bad).toBeNull();
    expect(() => loadConfig({ REDIS_URL: "redis+cluster://nohost" })).toThrow(/REDIS_URL/);
  });

  it("reads cluster and sentinel entries of KEYSCOPE_CONNECTIONS", () => {
    const conns = file([
      {
        id: "c",
        name: "Cluster",
        mode: "cluster",
        nodes: ["rediss://app:pw@n1:7000", "n2:7001"],
        natMap: { "10.0.0.1:7000": "127.0.0.1:17000" },
      },
      {
        id: "s",
        name: "Sentinel",
        mode: "sentinel",
        sentinels: ["redis://:sentpw@s1:26379", "s2:26379"],
        masterName: "mymaster",
        url: "redis://app:datapw@ignored",
      },
    ]);
    const [, cluster, sentinel] = loadConfig({ KEYSCOPE_CONNECTIONS: conns }).connections;
    expect(cluster).toMatchObject({
      url: "rediss://app:pw@n1:7000",
      topology: {
        mode: "cluster",
        seeds: ["n1:7000", "n2:7001"],
        natMap: { "10.0.0.1:7000": "127.0.0.1:17000" },
      },
    });
    expect(sentinel).toMatchObject({
      url: "redis://app:datapw@ignored",
      topology: {
        mode: "sentinel",
        sentinels: ["s1:26379", "s2:26379"],
        masterName: "mymaster",
        sentinelPassword: "sentpw",
      },
    });
  });

  it("reads an entry's tls (a private CA) as TLS on, for a cluster's every node or one server", () => {
    const ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const conns = file([
      { id: "c", name: "c", mode: "cluster", nodes: ["n1:7000"], tls: { ca } },
      { id: "s", name: "s", url: "redis://u:p@h:6380", tls: { ca, rejectUnauthorized: true } },
    ]);
    const [, cluster, one] = loadConfig({ KEYSCOPE_CONNECTIONS: conns }).connections;
    expect(cluster).toMatchObject({ url: "rediss://n1:7000", tls: { ca } });
    expect(one).toMatchObject({
      url: "rediss://u:p@h:6380",
      tls: { ca, rejectUnauthorized: true },
    });
    const bad: [unknown, RegExp][] = [
      [{ ca: "not pem" }, /tls\.ca/],
      [{ key: ca }, /tls\.key.*certificate/],
      [{ ca, other: 1 }, /tls/],
    ];
    for (const [tls, message] of bad)
      expect(
        () =>
          loadConfig({
            KEYSCOPE_CONNECTIONS: file([{ id: "a", name: "a", url: "redis://h", tls }]),
          }),
        JSON.stringify(tls),
      ).toThrow(message);
  });

  it("refuses entries that lack what their mode needs, naming the field", () => {
    const cases: [unknown, RegExp][] = [
      [{ id: "a", name: "a", mode: "cluster" }, /nodes/],
      [{ id: "a", name: "a", mode: "cluster", nodes: [] }, /nodes/],
      [{ id: "a", name: "a", mode: "cluster", nodes: ["http://h:1"] }, /host:port/],
      [{ id: "a", name: "a", mode: "sentinel", sentinels: ["s:26379"] }, /masterName/],
      [{ id: "a", name: "a", mode: "sentinel", masterName: "m" }, /sentinels/],
      [{ id: "a", name: "a", mode: "ring", url: "redis://h" }, /mode/],
      [{ id: "a", name: "a", mode: "cluster", nodes: ["h:1"], natMap: { x: "h:1" } }, /natMap/],
      [{ id: "a", name: "a" }, /url/],
    ];
    for (const [entry, message] of cases)
      expect(
        () => loadConfig({ KEYSCOPE_CONNECTIONS: file([entry]) }),
        JSON.stringify(entry),
      ).toThrow(message);
  });
});
