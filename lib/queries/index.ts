// queryOptions() factories, one module per area, beside the key factory (lib/query-keys.ts).
export * from "./analysis";
export * from "./audit";
export * from "./cli";
export * from "./cluster";
export * from "./connections";
export * from "./diagnostics";
export * from "./jobs";
export * from "./keys";
export * from "./ops";
export * from "./pubsub";
export * from "./row-memory";
export * from "./row-meta";
export * from "./sentinel";
export * from "./server";
export * from "./server-types";
export * from "./values";
