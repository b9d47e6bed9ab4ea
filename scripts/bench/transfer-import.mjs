import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { cpuMsOf, int, log, mib, ratio, secs, sleep, timedRedisCli } from "./util.mjs";
import { rssSampler } from "./values-data.mjs";

/** @typedef {import("./transfer.mjs").Half} Half */

/** A RESP command, for redis-cli --pipe. @param {(string | Buffer)[]} args */
function resp(args) {
  /** @type {Buffer[]} */
  const parts = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = typeof a === "string" ? Buffer.from(a) : a;
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

/**
 * The export's DUMP CSV as RESTORE commands in RESP (the baseline's input, made untimed).
 * @param {string} csv @param {string} path
 */
async function restoreCommands(csv, path) {
  const out = createWriteStream(path);
  const lines = createInterface({ input: createReadStream(csv, "latin1"), crlfDelay: Infinity });
  for await (const line of lines) {
    const [key = "", payload = "", pttl = "-1"] = line.split(",");
    const ttl = Number(pttl) < 0 ? "0" : String(Math.max(1, Number(pttl)));
    const cmd = resp(["RESTORE", Buffer.from(key, "hex"), ttl, Buffer.from(payload, "hex")]);
    if (!out.write(cmd)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/** `redis-cli -n 1 --pipe < path`. @param {number} port @param {string} path @returns {Promise<number>} ms */
function cliPipe(port, path) {
  return timedRedisCli(["-p", String(port), "-n", "1", "--pipe"], path);
}

/**
 * POST …/db/1/import with a file streamed from disk, then poll the job to its end.
 * @param {string} base @param {string} path
 */
export async function importThroughApi(base, path) {
  const t = performance.now();
  const res = await fetch(`${base}/api/connections/default/db/1/import`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", origin: base },
    body: /** @type {ReadableStream} */ (Readable.toWeb(createReadStream(path))),
    // @ts-expect-error: Node's fetch needs it for a streamed body; the DOM types lack it
    duplex: "half",
  });
  if (res.status !== 202) throw new Error(`POST …/import → ${res.status}: ${await res.text()}`);
  const { jobId } = await res.json();
  const checkedMs = performance.now() - t;
  let job;
  for (;;) {
    await sleep(200);
    job = await (await fetch(`${base}/api/jobs/${jobId}`)).json();
    if (job.state !== "running") break;
  }
  if (job.state !== "done") throw new Error(`import ${job.state}: ${job.error ?? ""}`);
  return { ms: performance.now() - t, checkedMs, job };
}

/** @type {Half} */
export async function importHalf(ctx, run) {
  const db1 = ctx.redisClient(run.redis.port);
  await db1.select(1);
  const respPath = join(run.dir, "restore.resp");
  await restoreCommands(run.csvPath, respPath);
  const redisCpu0 = cpuMsOf([run.redis.pid]);
  const pipeMs = await cliPipe(run.redis.port, respPath);
  const redisCpuPipe = cpuMsOf([run.redis.pid]) - redisCpu0;
  const pipeKeys = await db1.dbsize();
  log(`transfer: redis-cli --pipe of RESTOREs ${secs(pipeMs)} (${int(pipeKeys)} keys)`);
  await db1.flushdb();

  const rss = rssSampler(() => run.app.serverPids(), 100);
  const redisCpu1 = cpuMsOf([run.redis.pid]);
  const appCpu1 = cpuMsOf(run.app.serverPids());
  const jsonl = await importThroughApi(run.app.base, run.jsonlPath);
  const redisCpuJsonl = cpuMsOf([run.redis.pid]) - redisCpu1;
  const appCpuJsonl = cpuMsOf(run.app.serverPids()) - appCpu1;
  const jsonlKeys = await db1.dbsize();
  log(`transfer: Keyscope import (jsonl) ${secs(jsonl.ms)} (checked in ${secs(jsonl.checkedMs)})`);
  await db1.flushdb();
  const csv = await importThroughApi(run.app.base, run.csvPath);
  const csvKeys = await db1.dbsize();
  log(`transfer: Keyscope import (dump-csv) ${secs(csv.ms)}`);
  const peakKiB = rss.stop();
  await db1.flushdb();
  const all = [pipeKeys, jsonlKeys, csvKeys, jsonl.job.imported, csv.job.imported].every(
    (n) => n === run.dbsize,
  );
  /** @type {import("./util.mjs").Check[]} */
  const checks = [
    {
      name: "Baseline: `redis-cli --pipe` of RESTORE commands (made from the DUMP CSV beforehand)",
      value: secs(pipeMs),
    },
    {
      name: "Keyscope import, JSON lines (POST → done; of which upload + whole-file check)",
      value: `${secs(jsonl.ms)} (${int(jsonl.job.keysPerSec)} keys/s); ${secs(jsonl.checkedMs)}`,
    },
    { name: "JSON lines import / baseline", value: ratio(jsonl.ms / pipeMs) },
    {
      name: "Keyscope import, DUMP CSV (POST → done; of which upload + check)",
      value: `${secs(csv.ms)}; ${secs(csv.checkedMs)}`,
    },
    { name: "DUMP CSV import / baseline", value: ratio(csv.ms / pipeMs) },
    {
      name: "CPU: Redis during the baseline; Redis, Keyscope during the JSON-lines import",
      value: `${secs(redisCpuPipe)}; ${secs(redisCpuJsonl)}, ${secs(appCpuJsonl)}`,
    },
    {
      name: "Keys imported (baseline, JSON lines, DUMP CSV: DBSIZE of db 1 after each)",
      value: `${int(pipeKeys)}, ${int(jsonlKeys)}, ${int(csvKeys)}`,
      pass: all,
      error: !all,
    },
    { name: "Keyscope peak RSS during the imports", value: mib(peakKiB) },
  ];
  const notes = `Import: the baseline is \`redis-cli -n 1 --pipe\` fed RESTORE commands in RESP, made from the export's DUMP CSV before its clock starts (so it is the cost of the RESTOREs alone). Keyscope's times run from the POST — the file streamed from disk, written to the data directory and checked whole (every line, the checksum) — to the job's "done" (polled every 200 ms); each import goes into an empty db 1.`;
  return { checks, notes };
}
