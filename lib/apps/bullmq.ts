import { info, type KeyFacts, type Recogniser } from "./common";

// BullMQ / Bull (bullmq classes/queue-keys.js; wave2.md B.5): `bull:<queue>:<suffix>`, the
// prefix `bull` by default or `{bull}` (a cluster hash tag). A suffix BullMQ does not name is
// a job id: the job's hash, or one of its `:logs`, `:lock`, `:dependencies` keys.

const QUEUE_KEYS: Record<string, [type: string, about: string]> = {
  wait: ["list", "jobs waiting to run"],
  active: ["list", "jobs running now"],
  paused: ["list", "jobs waiting while the queue is paused"],
  "waiting-children": ["zset", "jobs waiting for their children"],
  delayed: ["zset", "delayed jobs, scored by when they run"],
  prioritized: ["zset", "prioritized jobs, scored by priority and order"],
  completed: ["zset", "completed jobs, scored by when they finished"],
  failed: ["zset", "failed jobs, scored by when they failed"],
  stalled: ["set", "jobs found stalled"],
  "stalled-check": ["string", "when stalled jobs were last checked"],
  id: ["string", "the counter of job ids"],
  meta: ["hash", "the queue's settings (paused, events' max length, version)"],
  events: ["stream", "the queue's event stream"],
  repeat: ["zset", "repeatable jobs, scored by their next run"],
  limiter: ["string", "the rate limiter's counter"],
  pc: ["string", "the priority counter"],
  marker: ["zset", "the marker workers block on"],
  metrics: ["list", "the queue's metrics"],
};
const JOB_PARTS: Record<string, string> = {
  logs: "the log lines the job wrote",
  lock: "the lock of the worker running the job",
  dependencies: "the child jobs it waits for",
  processed: "its children's results",
  failed: "its children that failed",
  unsuccessful: "its children that failed",
};
const keyRe = /^(bull|\{bull\}):([^:]+):(.*)$/s;

function recognise(key: KeyFacts) {
  const m = keyRe.exec(key.text);
  if (!m) return undefined;
  const [, prefix = "", queue = "", rest = ""] = m;
  const base = { prefix, queue };
  if (rest === "") return undefined;
  if (Object.hasOwn(QUEUE_KEYS, rest)) {
    const [type, about] = QUEUE_KEYS[rest] as [string, string];
    if (key.type !== undefined && key.type !== type) return undefined;
    return info("bullmq", rest, `BullMQ queue "${queue}": ${about}`, base);
  }
  if (rest.startsWith("de:"))
    return info(
      "bullmq",
      "deduplication",
      `BullMQ queue "${queue}": the deduplication id ${rest.slice(3)}`,
      base,
    );
  const [jobId = "", part, ...more] = rest.split(":");
  if (more.length > 0 || jobId === "") return undefined;
  if (part === undefined) {
    if (key.type !== undefined && key.type !== "hash") return undefined;
    return info(
      "bullmq",
      "job",
      `BullMQ job ${jobId} of queue "${queue}": its name, data and options (JSON), state and result`,
      {
        ...base,
        jobId,
      },
    );
  }
  if (!Object.hasOwn(JOB_PARTS, part)) return undefined;
  return info(
    "bullmq",
    `job_${part}`,
    `BullMQ job ${jobId} of queue "${queue}": ${JOB_PARTS[part]}`,
    { ...base, jobId },
  );
}

export const bullmq: Recogniser = {
  framework: "bullmq",
  maybe: (t) => t.startsWith("bull:") || t.startsWith("{bull}:"),
  recognise,
};
