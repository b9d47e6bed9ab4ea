import { z } from "zod";
import { intParam, jsonBytes } from "./bytes";

// The Celery page's API (docs/celery.md): queues with their priority sub-queues, a queue's
// messages decoded, the in-flight (unacked) messages and the results backend's documents.

/** A queue's name in the path: kombu queue names are Python strings (text). */
export const celeryQueueParams = z.object({
  conn: z.string().min(1).max(64),
  db: z
    .string()
    .regex(/^\d{1,5}$/, "db must be a database index")
    .transform(Number),
  name: z.string().min(1, "name must name a queue").max(1024),
});

/** Messages are read in LRANGE windows of at most 500. */
export const MESSAGES_MAX = 500;
export const windowQuery = z
  .strictObject({
    offset: intParam(0, 1_000_000_000).optional(),
    count: intParam(1, MESSAGES_MAX).optional(),
  })
  .transform((q) => ({ offset: q.offset ?? 0, count: q.count ?? 50 }));

export const RESULTS_MAX = 200;
export const resultsQuery = z
  .strictObject({
    cursor: z
      .string()
      .regex(/^(?:\d{1,5}\.)?\d{1,40}$/, "cursor must be one a results page gave")
      .optional(),
    count: intParam(1, RESULTS_MAX).optional(),
  })
  .transform((q) => ({ cursor: q.cursor ?? "0", count: q.count ?? 50 }));

const brief = z.object({
  task: z.string().nullable(),
  id: z.string().nullable(),
  eta: z.string().nullable(),
});

export const celeryQueue = z.object({
  name: z.string(),
  /** Every priority sub-queue's messages (Flower #439/#928 counted only the plain list). */
  length: z.number(),
  subqueues: z.array(z.object({ key: jsonBytes, priority: z.number(), length: z.number() })),
  /** The next message a worker takes (the tail of the first non-empty step), and the last pushed there. */
  oldest: brief.nullable(),
  newest: brief.nullable(),
  /** A `_kombu.binding.*` set names the queue (else it was found by its name or a sub-queue). */
  bound: z.boolean(),
});
export type CeleryQueue = z.infer<typeof celeryQueue>;

export const celeryOverview = z.object({
  queues: z.array(celeryQueue),
  /** Messages delivered to workers and not acked (HLEN unacked). */
  unacked: z.number(),
  /** Set when a bounded scan stopped before the end of the keyspace: what may be missing. */
  capped: z.string().optional(),
});

const taskFields = {
  task: z.string().nullable(),
  id: z.string().nullable(),
  /** The rendering of the decoded args / kwargs (Python's repr for pickled bodies). */
  args: z.string().nullable(),
  kwargs: z.string().nullable(),
  eta: z.string().nullable(),
  expires: z.string().nullable(),
  retries: z.number().nullable(),
  priority: z.number().nullable(),
  origin: z.string().nullable(),
  contentType: z.string().nullable(),
  /** Why the body could not be shown (an unknown serializer, a page time limit …). */
  error: z.string().optional(),
  raw: jsonBytes,
};

/** One task message as the API sends it (JSON bytes), and as lib/redis builds it (Buffers). */
export const celeryTask = z.object(taskFields);
export type CeleryTaskJson = z.input<typeof celeryTask>;
export type CeleryTaskShown = z.output<typeof celeryTask>;

export const celeryMessages = z.object({
  queue: z.string(),
  /** Messages across the sub-queues, and where this window starts (0 = the next to be taken). */
  total: z.number(),
  offset: z.number(),
  messages: z.array(z.object({ ...taskFields, subqueue: jsonBytes, step: z.number() })),
});

export const celeryUnacked = z.object({
  total: z.number(),
  offset: z.number(),
  messages: z.array(
    z.object({
      ...taskFields,
      tag: jsonBytes,
      /** When it was delivered (Unix seconds, unacked_index's score), and how long ago. */
      since: z.number().nullable(),
      ageSeconds: z.number().nullable(),
      exchange: z.string().nullable(),
      routingKey: z.string().nullable(),
    }),
  ),
});

export const celeryResults = z.object({
  cursor: z.string(),
  results: z.array(
    z.object({
      key: jsonBytes,
      taskId: z.string().nullable(),
      status: z.string().nullable(),
      dateDone: z.string().nullable(),
      name: z.string().nullable(),
      /** "ValueError: image too large" for a failure. */
      error: z.string().nullable(),
      result: z.string().nullable(),
      traceback: z.string().nullable(),
      /** The document was over the read limit (its first bytes were not enough to read it). */
      truncated: z.boolean(),
    }),
  ),
});
