import "server-only";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import { closeConnectionClients, connectionConfig } from "@/lib/redis/client";
import { connectionSummary } from "@/lib/redis/connections";
import { forgetProbe } from "@/lib/redis/probe";
import { forgetServer } from "@/lib/redis/target";
import type {
  ConnectionInput,
  ConnectionPatch,
  ConnectionSummary,
} from "@/lib/schemas/connections";
import { applyPatch, NEW_SETTINGS, type Settings } from "./settings";
import { allConnections, changeSaved, type SavedConnection } from "./store";

// Adding, changing and deleting saved connections (POST, PUT, DELETE /api/connections…). The
// environment's connections are the operator's: listed, never changed here.

// Path names beside app/api/connections/[conn]: a connection with one of these ids could not be
// reached at /api/connections/{id}.
const RESERVED_IDS = new Set(["test", "export", "import", "state"]);

/** Whether connection writes are open (the list tells the UI, which then hides them). */
export function connectionEdits(): { allowed: boolean; reason?: string } {
  if (!config().allowConnectionEdits)
    return {
      allowed: false,
      reason: "turned off on this server (KEYSCOPE_ALLOW_CONNECTION_EDITS=0)",
    };
  if (config().readOnly)
    return { allowed: false, reason: "Keyscope is in read-only mode (KEYSCOPE_READ_ONLY)" };
  return { allowed: true };
}

export function assertEditsAllowed(): void {
  if (!config().allowConnectionEdits)
    throw new ApiError(
      "FORBIDDEN",
      "Connection edits are turned off on this server (KEYSCOPE_ALLOW_CONNECTION_EDITS=0).",
    );
}

/** A saved connection by id: 404 when there is none, 403 when it is the environment's. */
function assertSaved(id: string): void {
  const conn = connectionConfig(id);
  if (conn.source !== "saved")
    throw new ApiError(
      "FORBIDDEN",
      `Connection "${id}" comes from the environment (REDIS_URL or KEYSCOPE_CONNECTIONS) and cannot be changed from the API.`,
    );
}

/** A readable id from the name ("Prod cache" → prod-cache), unique among every connection. */
export function newId(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "connection";
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(id) && !RESERVED_IDS.has(id)) return id;
  }
}

function takenIds(list: readonly SavedConnection[]): Set<string> {
  return new Set([...allConnections().map((c) => c.id), ...list.map((c) => c.id)]);
}

/** Ends what this process holds for the connection, so the next request uses its new settings. */
function forget(id: string): void {
  closeConnectionClients(id);
  forgetServer(id);
  forgetProbe(id);
}

function view(id: string): ConnectionSummary {
  const found = connectionSummary(id);
  if (!found) throw new ApiError("NOT_FOUND", `No connection named "${id}".`);
  return found;
}

/** Saves settings already applied (the import uses this too); answers the new id. */
export async function saveNew(settings: Settings): Promise<string> {
  return changeSaved((list) => {
    const id = newId(settings.name, takenIds(list));
    const now = new Date().toISOString();
    return { list: [...list, { ...settings, id, createdAt: now, updatedAt: now }], answer: id };
  });
}

export async function createConnection(input: ConnectionInput): Promise<{ id: string }> {
  assertEditsAllowed();
  const settings = applyPatch(NEW_SETTINGS, input);
  return { id: await saveNew(settings) };
}

export async function updateConnection(
  id: string,
  patch: ConnectionPatch,
): Promise<ConnectionSummary> {
  assertEditsAllowed();
  assertSaved(id);
  await changeSaved((list) => {
    const at = list.findIndex((c) => c.id === id);
    const old = list[at];
    if (!old) throw new ApiError("NOT_FOUND", `No connection named "${id}".`);
    const { id: _, createdAt, updatedAt: __, ...settings } = old;
    const next = applyPatch(settings, patch);
    list[at] = { ...next, id, createdAt, updatedAt: new Date().toISOString() };
    return { list, answer: undefined };
  });
  forget(id);
  return view(id);
}

export async function deleteConnection(id: string): Promise<ConnectionSummary> {
  assertEditsAllowed();
  assertSaved(id);
  const before = view(id);
  await changeSaved((list) => ({ list: list.filter((c) => c.id !== id), answer: undefined }));
  forget(id);
  return before;
}
