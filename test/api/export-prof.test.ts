import { it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";
const redis = withRedisServer();
it("prof", async () => {
  for (let at = 0; at < 200_000; at += 10_000) {
    const p = redis.raw.pipeline();
    for (let i = at; i < at + 10_000; i++) {
      if (i % 20 < 14) p.set(`t:${i % 97}:${i}`, "v".repeat(10 + (i % 90)));
      else p.hset(`t:${i}`, "a", "1", "b", "22", "c", String(i));
    }
    await p.exec();
  }
  const s = await call(r.exportKeys.POST, { params: { conn: "default", db: "0" }, method: "POST", body: { match: "*" } });
  const t = performance.now();
  for (;;) {
    const { json } = await call(r.jobs.GET, { params: { jobId: s.json.jobId } });
    if (json.state !== "running") { console.log(json.state, json.exported, performance.now() - t); break; }
    await new Promise((res) => setTimeout(res, 50));
  }
}, 120_000);
