import { info, type KeyFacts, type Recogniser, typeIs } from "./common";

// RQ (python-rq; wave2.md B.5): everything under `rq:`. A job's hash keeps `data`, the
// zlib-compressed pickle of (function, instance, args, kwargs) (lib/apps/hints.ts).

const REGISTRIES: Record<string, string> = {
  wip: "jobs being worked on (StartedJobRegistry), scored by their timeout",
  finished: "finished jobs, scored by when they expire",
  failed: "failed jobs, scored by when they expire",
  deferred: "jobs waiting for the jobs they depend on",
  scheduled: "jobs scheduled to run, scored by when",
  canceled: "canceled jobs",
  started: "jobs being worked on",
};

function recognise(key: KeyFacts) {
  const t = key.text.slice(3);
  if (t === "queues" && typeIs(key, "set")) return info("rq", "queues", "RQ's set of queue keys");
  if (t === "workers" && typeIs(key, "set"))
    return info("rq", "workers", "RQ's set of worker keys");
  if (t === "suspended")
    return info("rq", "suspended", "RQ workers are suspended while this key exists");
  const [area = "", ...restParts] = t.split(":");
  const rest = restParts.join(":");
  if (rest === "") return undefined;
  if (area === "queue" && typeIs(key, "list"))
    return info("rq", "queue", `RQ queue "${rest}": the ids of its waiting jobs`, { queue: rest });
  if (area === "job") {
    if (rest.endsWith(":dependents"))
      return info("rq", "dependents", `RQ job ${rest.slice(0, -11)}: the jobs waiting for it`, {
        jobId: rest.slice(0, -11),
      });
    if (!typeIs(key, "hash") || rest.includes(":")) return undefined;
    return info(
      "rq",
      "job",
      `RQ job ${rest}: its function and arguments (zlib-compressed pickle in data), status and times`,
      {
        jobId: rest,
      },
    );
  }
  if (area === "results" && typeIs(key, "stream"))
    return info("rq", "results", `RQ job ${rest}: its results (one entry per run)`, {
      jobId: rest,
    });
  if (area === "worker" && typeIs(key, "hash"))
    return info("rq", "worker", `RQ worker "${rest}": its state, current job and counts`, {
      worker: rest,
    });
  if (area === "workers" && typeIs(key, "set"))
    return info("rq", "queue_workers", `RQ workers listening on queue "${rest}"`, { queue: rest });
  if (Object.hasOwn(REGISTRIES, area) && typeIs(key, "zset"))
    return info("rq", "registry", `RQ queue "${rest}": ${REGISTRIES[area]}`, {
      registry: area,
      queue: rest,
    });
  return undefined;
}

export const rq: Recogniser = { framework: "rq", maybe: (t) => t.startsWith("rq:"), recognise };
