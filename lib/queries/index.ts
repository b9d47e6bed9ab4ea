// queryOptions() factories, one module per area, beside the key factory (lib/query-keys.ts).
// Value queries (hooks/use-key-value.ts) get a module of their own here: values.ts.
export * from "./jobs";
export * from "./keys";
export * from "./ops";
export * from "./row-meta";
export * from "./server";
