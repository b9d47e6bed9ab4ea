import {
  celeryMessages,
  celeryOverview,
  celeryQueueParams,
  celeryResults,
  celeryUnacked,
  resultsQuery,
  windowQuery,
} from "@/lib/schemas/celery";
import { dbParams } from "@/lib/schemas/connections";
import { DB, endpoint } from "./define";

// The Celery page (docs/celery.md): everything read straight from the broker's and the result
// backend's Redis, bounded; a database without Celery answers empty lists.

export const overview = endpoint({
  method: "GET",
  path: `${DB}/celery`,
  summary:
    "Celery queues (bindings + priority sub-queues, bounded SCAN), lengths in one pipeline, unacked count",
  params: dbParams,
  response: celeryOverview,
});

export const messages = endpoint({
  method: "GET",
  path: `${DB}/celery/queues/{name}/messages`,
  summary:
    "A window (offset, count ≤ 500) of a queue's messages across its priority steps, next first, decoded",
  params: celeryQueueParams,
  query: windowQuery,
  response: celeryMessages,
});

export const unacked = endpoint({
  method: "GET",
  path: `${DB}/celery/unacked`,
  summary: "In-flight (unacked) messages, longest held first (unacked_index), with their age",
  params: dbParams,
  query: windowQuery,
  response: celeryUnacked,
});

export const results = endpoint({
  method: "GET",
  path: `${DB}/celery/results`,
  summary: "One SCAN page of celery-task-meta-* results: status, result, error and traceback",
  params: dbParams,
  query: resultsQuery,
  response: celeryResults,
});
