import "server-only";
import { clientOf } from "@/lib/api/guard";
import { appendAudit, makeEntry } from "@/lib/audit";
import type { ByteAnswer } from "@/lib/endpoints/define";
import { ApiError } from "@/lib/errors";
import { type ConnectionImportResult, connectionInput } from "@/lib/schemas/connections";
import { assertEditsAllowed, saveNew } from "./edits";
import { readConnectionsFile, toInput } from "./formats";
import { applyPatch, NEW_SETTINGS } from "./settings";
import { MAX_SAVED, type SavedConnection, savedConnections } from "./store";

// Keyscope's connections file (GET /api/connections/export) and the import of any tool's
// (POST /api/connections/import). The export holds the saved connections only: the
// environment's are the operator's, in their own file.

function exported(s: SavedConnection, withSecrets: boolean): Record<string, unknown> {
  const tls =
    s.tls === false
      ? false
      : (() => {
          const { key, ...rest } = s.tls;
          const t = { ...rest, ...(withSecrets && key !== undefined && { key }) };
          // true when there is nothing more to say: the import reads TLS on from a boolean.
          return Object.keys(t).length ? t : true;
        })();
  return {
    name: s.name,
    host: s.host,
    port: s.port,
    ...(s.username !== undefined && { username: s.username }),
    ...(withSecrets && s.password !== undefined && { password: s.password }),
    tls,
    databases: s.databases,
    readOnly: s.readOnly,
    production: s.production,
    ...(s.color && { color: s.color }),
    // The POST body's names, so that the import reads them back as they are.
    ...(s.mode && { mode: s.mode }),
    ...(s.seeds && { nodes: s.seeds }),
    ...(s.sentinels && { sentinels: s.sentinels }),
    ...(s.masterName && { masterName: s.masterName }),
    ...(s.sentinelUsername !== undefined && { sentinelUsername: s.sentinelUsername }),
    ...(withSecrets &&
      s.sentinelPassword !== undefined && { sentinelPassword: s.sentinelPassword }),
    ...(s.natMap && { natMap: s.natMap }),
  };
}

export async function exportConnections(req: Request, withSecrets: boolean): Promise<ByteAnswer> {
  const saved = savedConnections();
  const file = {
    format: "keyscope-connections",
    version: 1,
    exportedAt: new Date().toISOString(),
    passwords: withSecrets,
    connections: saved.map((s) => exported(s, withSecrets)),
  };
  if (withSecrets)
    // A read that lets secrets out: on the record, like a write (no secret in the line).
    await appendAudit(
      makeEntry({
        time: new Date().toISOString(),
        client: clientOf(req),
        conn: null,
        db: null,
        action: "connection export with passwords",
        detail: { connections: saved.length },
        result: { status: 200 },
      }),
    );
  const bytes = new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
  const day = file.exportedAt.slice(0, 10);
  return { body, length: bytes.byteLength, filename: `keyscope-connections-${day}.json` };
}

/** What to call an entry that could not be read: its name, else where it points. */
function nameOf(entry: Record<string, unknown>): string {
  const name = entry.name ?? entry.connectionName;
  if (typeof name === "string" && name) return name.slice(0, 200);
  const host = entry.host ?? entry.addr;
  return typeof host === "string"
    ? `${host}:${String(entry.port ?? 6379)}`.slice(0, 200)
    : "(unnamed)";
}

/** Each entry on its own: saved when it reads as a connection, else its reason. */
export async function importConnections(content: string): Promise<ConnectionImportResult> {
  assertEditsAllowed();
  const { format, entries } = readConnectionsFile(content);
  if (entries.length > MAX_SAVED)
    throw new ApiError(
      "BAD_REQUEST",
      `The file holds ${entries.length} connections; at most ${MAX_SAVED} can be saved.`,
    );
  const results: ConnectionImportResult["results"] = [];
  for (const entry of entries) {
    const input = toInput(entry);
    if ("error" in input) {
      results.push({ name: nameOf(entry), ok: false, error: input.error });
      continue;
    }
    const parsed = connectionInput.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const error = `${issue?.path.join(".") || "entry"}: ${issue?.message ?? "not a connection"}`;
      results.push({ name: input.name, ok: false, error });
      continue;
    }
    try {
      const id = await saveNew(applyPatch(NEW_SETTINGS, parsed.data));
      results.push({ name: parsed.data.name, ok: true, id });
    } catch (e) {
      results.push({ name: parsed.data.name, ok: false, error: (e as Error).message });
    }
  }
  return { format, results };
}
