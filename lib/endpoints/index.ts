import * as audit from "./audit";
import * as auth from "./auth";
import type { Endpoint } from "./define";
import * as jobs from "./jobs";
import * as keys from "./keys";
import * as ops from "./ops";
import * as profiler from "./profiler";
import * as server from "./server";
import * as values from "./values";

// Every endpoint, by area. Adding one: its definition in the area's file, its handler in
// app/api/…/route.ts; the OpenAPI document, docs/api.md's list and the tests pick it up.

export * from "./define";
export { audit, auth, jobs, keys, ops, profiler, server, values };

export const ENDPOINTS: readonly Endpoint[] = [
  server,
  auth,
  audit,
  keys,
  values,
  jobs,
  ops,
  profiler,
].flatMap((area) => Object.values(area) as Endpoint[]);
