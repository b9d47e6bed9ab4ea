import { connectionParams } from "@/lib/schemas/connections";
import { monitorEvent, monitorQuery } from "@/lib/schemas/monitor";
import { CONN, endpoint, events } from "./define";

// The profiler (docs/tools.md, "Profiler"): MONITOR, filtered on the server, for a bounded time.

export const monitor = endpoint({
  method: "GET",
  path: `${CONN}/monitor`,
  summary:
    "MONITOR for `seconds` (1-300), filtered by `match`, `command`, `key`, `client`, `db`; on a cluster every master's merged, or `node`'s; then a summary",
  params: connectionParams,
  query: monitorQuery,
  response: events(monitorEvent),
});
