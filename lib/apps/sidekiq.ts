import { info, type KeyFacts, type Recogniser, typeIs, typeKnownAs } from "./common";

// Sidekiq's keys (lib/sidekiq/api.rb; wave2.md B.5). `queue:<name>` is distinctive; the bare
// names (`queues`, `schedule`, `retry`, `dead`, `processes`) are claimed only with their type.

const ZSETS: Record<string, string> = {
  schedule: "Sidekiq scheduled jobs, scored by when they run",
  retry: "Sidekiq jobs waiting to be retried, scored by the next attempt's time",
  dead: "Sidekiq dead jobs (retries exhausted), scored by when they died",
};
const statRe = /^stat:(processed|failed)(?::(\d{4}-\d{2}-\d{2}))?$/;

function recognise(key: KeyFacts) {
  const t = key.text;
  if (t.startsWith("queue:") && t.length > 6 && typeIs(key, "list")) {
    const queue = t.slice(6);
    return info(
      "sidekiq",
      "queue",
      `Sidekiq queue "${queue}": job JSON, the next job at the tail`,
      { queue },
    );
  }
  if (t === "queues" && typeKnownAs(key, "set"))
    return info("sidekiq", "queues", "Sidekiq's set of queue names");
  if (t === "processes" && typeKnownAs(key, "set"))
    return info(
      "sidekiq",
      "processes",
      "Sidekiq's running processes (each identity is a hash of its state)",
    );
  const z = ZSETS[t];
  if (z && Object.hasOwn(ZSETS, t) && typeKnownAs(key, "zset")) return info("sidekiq", t, z);
  const s = statRe.exec(t);
  if (s && typeIs(key, "string"))
    return info(
      "sidekiq",
      "stat",
      `Sidekiq count of ${s[1]} jobs${s[2] ? ` on ${s[2]}` : " (all time)"}`,
      {
        stat: s[1] as string,
        ...(s[2] && { date: s[2] }),
      },
    );
  if (t.endsWith(":work") && typeKnownAs(key, "hash"))
    return info("sidekiq", "work", "Sidekiq jobs a process is running now, by thread id", {
      identity: t.slice(0, -5),
    });
  return undefined;
}

export const sidekiq: Recogniser = {
  framework: "sidekiq",
  maybe: (t) =>
    t.startsWith("queue") ||
    t.startsWith("stat:") ||
    t === "schedule" ||
    t === "retry" ||
    t === "dead" ||
    t === "processes" ||
    t.endsWith(":work"),
  recognise,
};
