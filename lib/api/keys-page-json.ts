import "server-only";
import type { ScanPage } from "@/lib/redis/scan";
import { EncodedJson, JsonWriter } from "./encoded-json";

// GET …/keys's answer, `{"cursor", "keys": [{"key", "type", "ttl"}], "dbsize"}` (lib/schemas/keys.ts
// keysPage), written from the page's columns without an object per key (encoded-json.ts: why).

/** The page as plain data, the shape keysPage describes (checked outside production). */
function value(page: ScanPage) {
  const { types, ttls } = page;
  return {
    cursor: page.cursor,
    keys: page.keys.map((key, i) =>
      types && ttls ? { key, type: types[i] as string, ttl: ttls[i] as number } : { key },
    ),
    dbsize: page.dbsize,
  };
}

export function keysPageJson(page: ScanPage): EncodedJson<ReturnType<typeof value>> {
  const { keys, types, ttls } = page;
  let size = 64;
  for (const key of keys) size += key.length + 40;
  const w = new JsonWriter(size);
  w.raw('{"cursor":').text(JSON.stringify(page.cursor)).raw(',"keys":[');
  // Type names are few (string, hash, …, module types): each written once as JSON, then reused.
  const typeJson = new Map<string, { json: string; ascii: boolean }>();
  for (let i = 0; i < keys.length; i++) {
    w.raw(i === 0 ? '{"key":' : ',{"key":').bytes(keys[i] as Buffer);
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
  w.raw(`],"dbsize":${page.dbsize}}`);
  return new EncodedJson(w.done(), () => value(page));
}
