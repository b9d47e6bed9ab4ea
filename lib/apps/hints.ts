import type { DNode } from "@/lib/decode/node";
import type { Hinter } from "@/lib/decode/page";
import { compressionOf } from "@/lib/decode/registry";
import { recogniseKey } from "./registry";

// Decode hints by key (docs/celery.md, "Framework awareness"): for keys whose values are not
// self-evident, the chain the key's framework writes, tried first by the registry. Protocol 0/1
// pickles have no magic bytes, so Django's values are only read as pickles with this hint; an
// RQ job's `data` is zlib then pickle; Laravel's values are PHP serialize() (sessions twice);
// Rails' are Ruby Marshal. A compression is hinted only when its magic bytes are there: a hint
// without one would stop the registry from looking for it.

const digits = (b: Buffer) => b.length > 0 && b.length < 32 && /^-?\d+$/.test(b.toString("latin1"));

/** A value in `format`, maybe compressed first (by its magic bytes); plain integers unhinted. */
const maybeCompressed =
  (format: "pickle" | "php" | "marshal"): Hinter =>
  (value) => {
    if (digits(value)) return undefined;
    const compression = compressionOf(value);
    return compression ? { compression, format } : { format };
  };

/** A Django session dict's logged-in user (`_auth_user_id`), or that it has none. */
function sessionSummary(tree: DNode): string | undefined {
  if (tree.k !== "map") return undefined;
  const user = tree.entries.find(([k]) => k.k === "str" && k.v === "_auth_user_id")?.[1];
  const id = user?.k === "str" || user?.k === "int" ? user.v : undefined;
  const rest = `${tree.entries.length} item${tree.entries.length === 1 ? "" : "s"}`;
  return id !== undefined
    ? `Django session · user ${id} · ${rest}`
    : `Django session · anonymous · ${rest}`;
}

const djangoSession: Hinter = (value) => {
  const hint = maybeCompressed("pickle")(value);
  return hint && { ...hint, summary: sessionSummary };
};

const rqJob: Hinter = (value) =>
  compressionOf(value) === "zlib" ? { compression: "zlib", format: "pickle" } : undefined;

/** The hinter for a key's values, when its framework says more than the bytes do. */
export function hinterFor(key: Buffer, type: string): Hinter | undefined {
  const app = recogniseKey(key, type);
  if (!app) return undefined;
  switch (app.framework) {
    case "django":
      return app.kind === "session" ? djangoSession : maybeCompressed("pickle");
    case "rq":
      return app.kind === "job" ? rqJob : undefined;
    case "laravel":
      return app.kind === "cache" || app.kind === "session" ? maybeCompressed("php") : undefined;
    case "rails":
      return maybeCompressed("marshal");
    default:
      return undefined;
  }
}
