// Not marked server-only: instrumentation.ts imports it at start-up, outside the React server
// bundle. It reads files and env, so a client import would fail at build time anyway.
import { readFileSync } from "node:fs";
import { z } from "zod";

// Everything Keyscope reads from its environment, parsed once. A bad value is a start-up error
// that names the variable, never a surprise on the first request.

export type ConnectionConfig = {
  id: string;
  name: string;
  url: string;
  readOnly: boolean;
  production: boolean;
};

export type KeyscopeConfig = {
  connections: ConnectionConfig[];
  readOnly: boolean;
  commandTimeoutMs: number;
  connectTimeoutMs: number;
};

const redisUrl = z
  .string()
  .refine((u) => /^rediss?:\/\//.test(u) && URL.canParse(u), "must be a redis:// or rediss:// URL");

const connectionFileSchema = z.array(
  z.object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "ids are 1-64 letters, digits, '-' or '_'"),
    name: z.string().min(1).max(200),
    url: redisUrl,
    readOnly: z.boolean().optional(),
    production: z.boolean().optional(),
  }),
);

function flag(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number of milliseconds, got "${value}"`);
  return n;
}

function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}

function readConnectionsFile(path: string): ConnectionConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`KEYSCOPE_CONNECTIONS: cannot read ${path} as JSON (${(e as Error).message})`);
  }
  const parsed = connectionFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `KEYSCOPE_CONNECTIONS: ${path} is not a list of {id, name, url, readOnly?}: ${describeZodError(parsed.error)}`,
    );
  }
  const ids = new Set<string>();
  for (const c of parsed.data) {
    if (ids.has(c.id))
      throw new Error(`KEYSCOPE_CONNECTIONS: ${path} names the id "${c.id}" twice`);
    ids.add(c.id);
  }
  return parsed.data.map((c) => ({
    ...c,
    readOnly: c.readOnly ?? false,
    production: c.production ?? false,
  }));
}

export function loadConfig(env: Record<string, string | undefined> = process.env): KeyscopeConfig {
  const url = env.REDIS_URL?.trim() || "redis://127.0.0.1:6379";
  const checked = redisUrl.safeParse(url);
  if (!checked.success)
    throw new Error(`REDIS_URL ${checked.error.issues[0]?.message ?? "is invalid"}`);
  const fromFile = env.KEYSCOPE_CONNECTIONS ? readConnectionsFile(env.KEYSCOPE_CONNECTIONS) : [];
  const connections: ConnectionConfig[] = fromFile.some((c) => c.id === "default")
    ? fromFile
    : [{ id: "default", name: "default", url, readOnly: false, production: false }, ...fromFile];
  return {
    connections,
    readOnly: flag(env.KEYSCOPE_READ_ONLY),
    commandTimeoutMs: positiveInt(
      "KEYSCOPE_COMMAND_TIMEOUT_MS",
      env.KEYSCOPE_COMMAND_TIMEOUT_MS,
      5000,
    ),
    connectTimeoutMs: positiveInt(
      "KEYSCOPE_CONNECT_TIMEOUT_MS",
      env.KEYSCOPE_CONNECT_TIMEOUT_MS,
      3000,
    ),
  };
}

let cached: KeyscopeConfig | undefined;

export function config(): KeyscopeConfig {
  cached ??= loadConfig();
  return cached;
}

/** Tests swap the environment between cases; production never calls this. */
export function resetConfigForTests(): void {
  cached = undefined;
}
