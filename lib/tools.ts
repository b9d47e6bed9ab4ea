// The debugging tools, once: the header's Tools menu, the pages' titles and docs/tools.md's
// list come from here. Client-safe. A tool under /db/{db} works on one database (the console,
// keyspace events); the others are server-wide.

export type ToolId =
  | "cli"
  | "slowlog"
  | "clients"
  | "profiler"
  | "pubsub"
  | "events"
  | "latency"
  | "celery";

export type Tool = {
  readonly id: ToolId;
  readonly label: string;
  /** One line for the menu. */
  readonly summary: string;
  /** Whether the page lives under a database (/c/{conn}/db/{db}/…). */
  readonly perDb: boolean;
  /** The last path segment of the page. */
  readonly segment: string;
};

export const TOOLS: readonly Tool[] = [
  {
    id: "cli",
    label: "Console",
    summary: "Run Redis commands, with help and history",
    perDb: true,
    segment: "cli",
  },
  {
    id: "slowlog",
    label: "Slowlog",
    summary: "Commands slower than the threshold",
    perDb: false,
    segment: "slowlog",
  },
  {
    id: "clients",
    label: "Clients",
    summary: "Who is connected, doing what; kill one",
    perDb: false,
    segment: "clients",
  },
  {
    id: "profiler",
    label: "Profiler",
    summary: "Every command as it runs (MONITOR), filtered",
    perDb: false,
    segment: "profiler",
  },
  {
    id: "pubsub",
    label: "Pub/Sub",
    summary: "Subscribe, publish, see active channels",
    perDb: false,
    segment: "pubsub",
  },
  {
    id: "events",
    label: "Keyspace events",
    summary: "Sets, deletes, expiries as they happen",
    perDb: true,
    segment: "events",
  },
  {
    id: "latency",
    label: "Latency",
    summary: "Latency monitor events, history and doctor",
    perDb: false,
    segment: "latency",
  },
  {
    id: "celery",
    label: "Celery",
    summary: "Queues with priority steps, messages, in-flight tasks, results",
    perDb: true,
    segment: "celery",
  },
];

export function toolById(id: ToolId): Tool {
  const tool = TOOLS.find((t) => t.id === id);
  if (!tool) throw new Error(`no tool ${id}`);
  return tool;
}

/** The page of a tool for a connection (and database, for per-database tools). */
export function toolHref(tool: Tool, conn: string, db: number): string {
  const base = `/c/${encodeURIComponent(conn)}`;
  return tool.perDb ? `${base}/db/${db}/${tool.segment}` : `${base}/${tool.segment}`;
}

/** The tool whose page `pathname` is, if any. */
export function toolOfPath(pathname: string): Tool | undefined {
  const m = /^\/c\/[^/]+(?:\/db\/\d+)?\/([a-z]+)\/?$/.exec(pathname);
  return TOOLS.find((t) => t.segment === m?.[1] && t.perDb === pathname.includes("/db/"));
}
