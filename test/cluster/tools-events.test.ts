import { describe, expect, it } from "vitest";
import { closeAllStreams } from "@/lib/redis/stream-slots";
import { withCluster } from "../cluster-harness";
import { b64url, call, send } from "../harness";
import * as r from "../routes";
import { readStream, type SseEvent } from "../sse";

// Keyspace events on a real cluster: events are node-local, so the setting is read and turned on
// on every master, the stream subscribes every master, and it leaves no connection behind.

const c = withCluster();
const conn = { conn: "default" };
const isEvent = (e: SseEvent) => "event" in e.data;
const flagsOn = async () =>
  Promise.all(
    (await c.masters()).map(async (m) => (await m.config("GET", "notify-keyspace-events"))[1]),
  );

async function eventClients(): Promise<number> {
  let n = 0;
  for (const port of c.cluster.ports) {
    const node = (await c.masters())[0]?.duplicate({ port });
    const list = String(await node?.client("LIST"));
    n += list.split("\n").filter((l) => l.includes("name=keyscope-events")).length;
    node?.disconnect();
  }
  return n;
}

describe("keyspace events on a cluster", () => {
  it("says off until every master has them on; turning them on changes every master", async () => {
    for (const m of await c.masters()) await m.config("SET", "notify-keyspace-events", "");
    await (await c.masters())[1]?.config("SET", "notify-keyspace-events", "KEA");
    let res = await send(r.keyspaceEvents.GET, { params: { ...conn, db: "0" }, query: "" });
    let stream = readStream(res);
    const first = await stream.next(() => true);
    expect(first.data.status.enabled).toBe(false);
    expect(first.data.status.notifyKeyspaceEvents).toBe("");
    expect(first.data.status.message).toMatch(/masters differ/);
    await stream.cancel();

    // The page offers "" → "KEA"; the master already on "KEA" does not block the change.
    const changed = await call(r.config.PUT, {
      params: conn,
      method: "PUT",
      body: { name: "notify-keyspace-events", value: "KEA", expect: "" },
    });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json.nodes).toHaveLength(3);
    for (const flags of await flagsOn()) expect(flags).toMatch(/^(?=.*K)(?=.*E)/);

    // A master changed under the page: 409, and nothing changes anywhere.
    await (await c.masters())[2]?.config("SET", "notify-keyspace-events", "Kx");
    const stale = await call(r.config.PUT, {
      params: conn,
      method: "PUT",
      body: { name: "notify-keyspace-events", value: "", expect: "AKE" },
    });
    expect(stale.status).toBe(409);
    expect((await flagsOn()).filter((f) => f === "")).toHaveLength(0);
    await (await c.masters())[2]?.config("SET", "notify-keyspace-events", "KEA");

    res = await send(r.keyspaceEvents.GET, {
      params: { ...conn, db: "0" },
      query: `match64=${b64url(Buffer.from([0xff, 0x2a]))}`,
    });
    stream = readStream(res);
    expect((await stream.next(() => true)).data.status.enabled).toBe(true);
    // One binary key on each master: every master's events reach the one stream.
    const keys: Buffer[] = [];
    for (let i = 0; keys.length < 3 && i < 500; i++) {
      const key = Buffer.concat([Buffer.from([0xff]), Buffer.from(`:${i}`)]);
      const node = await c.nodeFor(key);
      const port = node.options.port;
      if (
        !keys.some((k) => k.equals(key)) &&
        !(await Promise.all(keys.map(async (k) => (await c.nodeFor(k)).options.port))).includes(
          port,
        )
      )
        keys.push(key);
    }
    expect(keys).toHaveLength(3);
    expect(await eventClients()).toBe(3);
    for (const key of keys) await (await c.nodeFor(key)).set(key, "v");
    await c.raw.set("not-matched", "v");
    for (let i = 0; i < 3; i++) await stream.next(isEvent, 5000);
    const got = stream.events.filter(isEvent).map((e) => Buffer.from(e.data.key.b64, "base64"));
    expect(got.map((k) => k.toString("hex")).sort()).toEqual(
      keys.map((k) => k.toString("hex")).sort(),
    );
    await stream.cancel();
    closeAllStreams();
    // No connection of the stream is left on any node.
    for (let i = 0; i < 20 && (await eventClients()) > 0; i++)
      await new Promise((res) => setTimeout(res, 100));
    expect(await eventClients()).toBe(0);
  }, 60_000);
});
