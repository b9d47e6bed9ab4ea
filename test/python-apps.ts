import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";

// fixtures/python-apps.json (real Django 5.2 and Celery 5.6 bytes; fixtures/README) into a test
// server: each entry into its own db (2 = Celery's broker, 3 = its results), keys base64.

export type FixtureKey = {
  db: number;
  key: string;
  type: "string" | "list" | "set" | "hash" | "zset";
  ttl: number;
  value: string | string[] | [string, string | number][];
  mustShow: string[];
};

export const PYTHON_APPS: FixtureKey[] = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "python-apps.json"), "utf8"),
).keys;

const b = (s: string) => Buffer.from(s, "base64");

/** Writes every fixture key of `dbs` (all when omitted) into the server at `url`. */
export async function loadPythonApps(url: string, dbs?: number[]): Promise<void> {
  for (const db of new Set(PYTHON_APPS.map((k) => k.db))) {
    if (dbs && !dbs.includes(db)) continue;
    const r = new Redis(url, { db, protocol: 2 });
    for (const k of PYTHON_APPS.filter((x) => x.db === db)) {
      const key = b(k.key);
      await r.del(key);
      if (k.type === "string") await r.set(key, b(k.value as string));
      else if (k.type === "list") await r.rpush(key, ...(k.value as string[]).map(b));
      else if (k.type === "set") await r.sadd(key, ...(k.value as string[]).map(b));
      else if (k.type === "hash")
        for (const [f, v] of k.value as [string, string][]) await r.hset(key, b(f), b(v));
      else for (const [m, s] of k.value as [string, number][]) await r.zadd(key, s, b(m));
    }
    r.disconnect();
  }
}

export const fixtureKey = (text: string) => PYTHON_APPS.find((k) => b(k.key).toString() === text);
