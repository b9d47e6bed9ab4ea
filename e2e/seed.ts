import type { Redis } from "ioredis";

// A small, known data set for the browser specs: namespaces for the tree, every TTL case,
// binary and odd keys, a big string, and enough keys (3,000) to need "Load more".

export const E2E = {
  binaryKey: Buffer.from([0x62, 0x69, 0x6e, 0x3a, 0xff, 0xfe, 0x01]), // "bin:" + non-UTF-8 bytes
  jsonKey: "app:config:json",
  bigKey: "big:string",
  volume: 3000,
};

export async function seedE2e(redis: Redis): Promise<void> {
  const p = redis.pipeline();
  for (let i = 0; i < E2E.volume; i++)
    p.set(`cache:item:${String(i).padStart(4, "0")}`, `value ${i}`);
  for (let i = 0; i < 40; i++)
    p.hset(`app:user:${i}`, "name", `User ${i}`, "email", `u${i}@example.com`);
  p.set(
    E2E.jsonKey,
    JSON.stringify({
      theme: "dark",
      retries: 3,
      id: 12345678901234567890n.toString(),
      nested: { ok: true },
    }).replace('"12345678901234567890"', "12345678901234567890"),
  );
  p.set("app:session:abc", "session-data", "EX", 3600);
  p.set("app:rate:1.2.3.4", "7", "EX", 90);
  p.set(E2E.binaryKey, Buffer.from([0x00, 0xff, 0x10, 0x41]));
  p.set("odd key with spaces", "spaces");
  p.set("weird/?&#%", "url chars");
  p.set("ключ:🗝", "unicode");
  p.set("<img src=x onerror=alert(1)>", "<script>window.__xss = 1</script>");
  p.set(E2E.bigKey, Buffer.alloc(300_000, "x"));
  p.rpush("queue:celery", "a", "b", "c");
  p.zadd("board:weekly", 10, "alice", 20, "bob");
  p.sadd("online", "alice");
  p.xadd("events", "*", "type", "login");
  await p.exec();
}
