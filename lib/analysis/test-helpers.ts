import type { KeySample } from "@/lib/schemas/analysis";
import type { ReportMeta, ServerFacts } from "./report-builder";

// Shared by the analysis unit tests: a plain sample and the meta of a run.

export const cleanServer: ServerFacts = {
  maxmemoryBytes: 0,
  maxmemoryPolicy: "noeviction",
  usedMemoryBytes: 1_000_000,
  databasesWithKeys: 1,
  thresholds: { "hash-max-listpack-entries": 128, "set-max-intset-entries": 512 },
};

export function sample(key: string | Buffer, over: Partial<KeySample> = {}): KeySample {
  return {
    key: typeof key === "string" ? Buffer.from(key) : key,
    type: "string",
    encoding: "embstr",
    memoryBytes: 100,
    length: 10,
    ttlMs: -1,
    ...over,
  };
}

export function meta(over: Partial<ReportMeta> = {}): ReportMeta {
  return {
    id: "r1",
    db: 0,
    mode: "full",
    createdAt: 1_700_000_000,
    delimiter: ":",
    memorySamples: 5,
    keysRead: 0,
    dbsize: 0,
    durationMs: 12,
    scale: 1,
    server: cleanServer,
    ...over,
  };
}
