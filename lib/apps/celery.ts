import { info, isUuid, type KeyFacts, type Recogniser, shown, typeIs, typeKnownAs } from "./common";

// Celery's keys (kombu's Redis transport and Celery's Redis result backend; wave2.md B.5):
// queues are lists named after the queue, with priority sub-queues `<queue>\x06\x16<step>`;
// `_kombu.binding.<exchange>` sets bind queues; `unacked` / `unacked_index` / `unacked_mutex`
// hold the messages workers have taken but not acked; results are `celery-task-meta-<id>`,
// groups `celery-taskset-meta-<id>`, chord counters `<group id>.j` / `.t`.
//
// A list is only called a queue with evidence: its name is `celery` (the default queue), it is
// a priority sub-queue (the separator is kombu's), or a binding names it (`bound`, which
// lib/redis/celery.ts looks up for GET …/key).

/** kombu's separator between a queue's name and its priority step, and in binding members. */
export const SEP = "\x06\x16";
export const DEFAULT_QUEUE = "celery";

/** `<queue>\x06\x16<step>` → the queue and the step (a plain string search: no control
 * characters in a regex). */
export function splitSubQueue(name: string): { queue: string; priority: number } | undefined {
  const at = name.lastIndexOf(SEP);
  if (at <= 0) return undefined;
  const step = name.slice(at + SEP.length);
  if (!/^\d{1,3}$/.test(step)) return undefined;
  return { queue: name.slice(0, at), priority: Number(step) };
}
const chordRe = /^(.+)\.([jt])$/s;

export function queueInfo(name: string, evidence: string) {
  return info(
    "celery",
    "queue",
    `Celery queue "${shown(name)}" (${evidence}): task messages, oldest at the tail`,
    {
      queue: name,
    },
  );
}

function recognise(key: KeyFacts) {
  const t = key.text;
  if (t.startsWith("_kombu.binding.") && typeIs(key, "set")) {
    const exchange = t.slice("_kombu.binding.".length);
    return info(
      "celery",
      "binding",
      `Celery (kombu) bindings of exchange "${shown(exchange)}": routing key, pattern and queue of each`,
      {
        exchange,
      },
    );
  }
  if (t.startsWith("celery-task-meta-") && typeIs(key, "string")) {
    const taskId = t.slice("celery-task-meta-".length);
    return info(
      "celery",
      "result",
      `Celery result of task ${taskId}: its status, return value or error and traceback`,
      {
        taskId,
      },
    );
  }
  if (t.startsWith("celery-taskset-meta-") && typeIs(key, "string")) {
    const groupId = t.slice("celery-taskset-meta-".length);
    return info(
      "celery",
      "group_result",
      `Celery group result ${groupId}: the ids of its tasks' results`,
      {
        groupId,
      },
    );
  }
  if (t === "unacked" && typeKnownAs(key, "hash"))
    return info(
      "celery",
      "unacked",
      "Celery (kombu) messages delivered to workers and not yet acked, by delivery tag",
    );
  if (t === "unacked_index" && typeKnownAs(key, "zset"))
    return info(
      "celery",
      "unacked_index",
      "Celery (kombu) delivery times of the unacked messages, to restore those past the visibility timeout",
    );
  if (t === "unacked_mutex" && typeKnownAs(key, "string"))
    return info(
      "celery",
      "unacked_mutex",
      "Celery (kombu) lock held while a worker restores unacked messages",
    );
  const c = chordRe.exec(t);
  if (c && isUuid(c[1] as string)) {
    if (c[2] === "j" && typeIs(key, "list"))
      return info(
        "celery",
        "chord_join",
        `Celery chord ${c[1]}: the results of its header tasks so far`,
        { groupId: c[1] as string },
      );
    if (c[2] === "t" && typeIs(key, "string"))
      return info(
        "celery",
        "chord_counter",
        `Celery chord ${c[1]}: how many of its header tasks have finished`,
        { groupId: c[1] as string },
      );
  }
  if (!typeIs(key, "list")) return undefined;
  const s = splitSubQueue(t);
  if (s) {
    const { queue, priority } = s;
    return info(
      "celery",
      "priority_queue",
      `Celery queue "${shown(queue)}", priority step ${priority}: its messages of that priority`,
      {
        queue,
        priority,
      },
    );
  }
  if (t === DEFAULT_QUEUE) return queueInfo(t, "the default queue");
  return undefined;
}

export const celery: Recogniser = {
  framework: "celery",
  maybe: (text) =>
    text.startsWith("_kombu.") ||
    text.startsWith("celery") ||
    text.startsWith("unacked") ||
    text.includes(SEP) ||
    text.endsWith(".j") ||
    text.endsWith(".t"),
  recognise,
};
