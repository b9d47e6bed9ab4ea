import "server-only";
import type { ExactKey } from "@/lib/redis/exact-key";
import type { ScanPage } from "@/lib/redis/scan";
import { EncodedJson, JsonWriter } from "./encoded-json";

// GET …/keys's answer, `{"cursor", "keys": [{"key", "type", "ttl"}], "dbsize"}` (lib/schemas/keys.ts
// keysPage), written from the page's columns without an object per key (encoded-json.ts: why).

/** What the route adds to a SCAN step: the exact lookup (first page) and the walk's progress. */
export type PageExtras = { exact?: ExactKey | null; progress: number };

/** The page's rows without the exact key (it goes in `exact`, so it is not listed twice). */
function rowIndexes(page: ScanPage, extras: PageExtras): number[] {
  const exact = extras.exact?.key;
  const rows: number[] = [];
  for (let i = 0; i < page.keys.length; i++)
    if (!exact || !(page.keys[i] as Buffer).equals(exact)) rows.push(i);
  return rows;
}

/** The page as plain data, the shape keysPage describes (checked outside production). */
function value(page: ScanPage, extras: PageExtras) {
  const { types, ttls } = page;
  return {
    cursor: page.cursor,
    keys: rowIndexes(page, extras).map((i) => {
      const key = page.keys[i] as Buffer;
      return types && ttls ? { key, type: types[i] as string, ttl: ttls[i] as number } : { key };
    }),
    dbsize: page.dbsize,
    ...(page.restarted && { restarted: page.restarted }),
    ...extras,
  };
}

export function keysPageJson(
  page: ScanPage,
  extras: PageExtras,
): EncodedJson<ReturnType<typeof value>> {
  const { keys, types, ttls } = page;
  let size = 64;
  for (const key of keys) size += key.length + 40;
  const w = new JsonWriter(size);
  w.raw('{"cursor":').text(JSON.stringify(page.cursor)).raw(',"keys":[');
  // Type names are few (string, hash, …, module types): each written once as JSON, then reused.
  const typeJson = new Map<string, { json: string; ascii: boolean }>();
  const rows = extras.exact ? rowIndexes(page, extras) : null;
  const count = rows ? rows.length : keys.length;
  for (let r = 0; r < count; r++) {
    const i = rows ? (rows[r] as number) : r;
    w.raw(r === 0 ? '{"key":' : ',{"key":').bytes(keys[i] as Buffer);
    if (types && ttls) {
      const type = types[i] as string;
      let piece = typeJson.get(type);
      if (piece === undefined) {
        const json = `,"type":${JSON.stringify(type)},"ttl":`;
        piece = { json, ascii: /^[\x20-\x7e]*$/.test(json) };
        typeJson.set(type, piece);
      }
      (piece.ascii ? w.raw(piece.json) : w.text(piece.json)).raw(String(ttls[i]));
    }
    w.raw("}");
  }
  w.raw(`],"dbsize":${page.dbsize}`);
  if (extras.exact === null) w.raw(',"exact":null');
  else if (extras.exact) {
    w.raw(',"exact":{"key":').bytes(extras.exact.key);
    w.text(`,"type":${JSON.stringify(extras.exact.type)},"ttl":${extras.exact.ttl}}`);
  }
  if (page.restarted) w.text(`,"restarted":${JSON.stringify(page.restarted)}`);
  w.raw(`,"progress":${extras.progress}}`);
  return new EncodedJson(w.done(), () => value(page, extras));
}
