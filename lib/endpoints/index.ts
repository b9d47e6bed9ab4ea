import * as analysis from "./analysis";
import * as audit from "./audit";
import * as auth from "./auth";
import * as celery from "./celery";
import * as cli from "./cli";
import * as cluster from "./cluster";
import * as connections from "./connections";
import type { Endpoint } from "./define";
import * as diagnostics from "./diagnostics";
import * as keyExport from "./export";
import * as imports from "./imports";
import * as jobs from "./jobs";
import * as keys from "./keys";
import * as ops from "./ops";
import * as profiler from "./profiler";
import * as pubsub from "./pubsub";
import * as server from "./server";
import * as values from "./values";

// Every endpoint, by area. Adding one: its definition in the area's file, its handler in
// app/api/…/route.ts; the OpenAPI document, docs/api.md's list and the tests pick it up.

export * from "./define";
export {
  analysis,
  audit,
  auth,
  celery,
  cli,
  cluster,
  connections,
  diagnostics,
  imports,
  jobs,
  keyExport,
  keys,
  ops,
  profiler,
  pubsub,
  server,
  values,
};

export const ENDPOINTS: readonly Endpoint[] = [
  server,
  auth,
  audit,
  keys,
  values,
  jobs,
  ops,
  cluster,
  cli,
  pubsub,
  diagnostics,
  profiler,
  analysis,
  celery,
  connections,
  keyExport,
  imports,
].flatMap((area) => Object.values(area) as Endpoint[]);
