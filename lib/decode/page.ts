import type { Decoded, DecodeRequest } from "@/lib/schemas/decode";
import type { KeyValue } from "@/lib/schemas/values";
import { PAGE_ITEM_LIMITS } from "./node";
import { type DecodeOptions, decodeBytes } from "./registry";

// Decodings beside a page of a value (API.md, "Decoded values"): a string page gets `decoded`,
// hash entries / zset members get `decoded` beside the value or member, list and set pages a
// `decoded` array parallel to their items, stream entries one parallel to their fields. Values
// cut to a preview are not decoded (null): their whole bytes come from the item read, which
// decodes them with the full limits. A page's decoding stops after PAGE_DECODE_MS; what is
// left is null, so a page of thousands of values answers in bounded time.

/** The biggest value decoded whole (larger strings are shown raw). */
export const DECODE_INPUT_MAX = 8 * 1024 * 1024;
export const PAGE_DECODE_MS = 400;
/** Text of one value in a page; the item read gives the full 256 KiB. */
export const PAGE_TEXT_MAX = 8 * 1024;

export type Hinter = (value: Buffer) => DecodeOptions["hint"];

type PageDecoder = (bytes: Buffer | null) => Promise<Decoded | null>;

function pageDecoder(req: DecodeRequest, hint?: Hinter): PageDecoder {
  const deadline = performance.now() + PAGE_DECODE_MS;
  return async (bytes) => {
    if (bytes === null || performance.now() > deadline) return null;
    return decodeBytes(bytes, req, {
      limits: PAGE_ITEM_LIMITS,
      textMax: PAGE_TEXT_MAX,
      hint: hint?.(bytes),
    });
  };
}

/**
 * `page` with its decodings added. `whole` reads a string's whole bytes when the page holds
 * only a window of it (null when it is over DECODE_INPUT_MAX).
 */
export async function decoratePage(
  page: KeyValue,
  req: DecodeRequest,
  whole: () => Promise<Buffer | null>,
  hint?: Hinter,
): Promise<KeyValue> {
  if ("unsupported" in page) return page;
  const one = pageDecoder(req, hint);
  switch (page.type) {
    case "string": {
      const complete = page.offset === 0 && !page.truncated;
      const bytes = complete ? page.value : await whole();
      const h = bytes ? hint?.(bytes) : undefined;
      const decoded = bytes && (await decodeBytes(bytes, req, { hint: h }));
      return { ...page, decoded: decoded ?? null };
    }
    case "hash": {
      const entries = [];
      for (const e of page.entries)
        entries.push({ ...e, decoded: await one(e.truncated ? null : e.value) });
      return { ...page, entries };
    }
    case "list": {
      const cut = new Set((page.previews ?? []).map((p) => p.index));
      const decoded: (Decoded | null)[] = [];
      for (const [i, item] of page.items.entries())
        decoded.push(await one(cut.has(i) ? null : item));
      return { ...page, decoded };
    }
    case "set": {
      const decoded: (Decoded | null)[] = [];
      for (const m of page.members) decoded.push(await one(m));
      return { ...page, decoded };
    }
    case "zset": {
      const members = [];
      for (const m of page.members) members.push({ ...m, decoded: await one(m.member) });
      return { ...page, members };
    }
    case "stream": {
      const entries = [];
      for (const e of page.entries) {
        const cut = new Set((e.previews ?? []).map((p) => p.index));
        const decoded: (Decoded | null)[] = [];
        for (const [i, [, v]] of e.fields.entries()) decoded.push(await one(cut.has(i) ? null : v));
        entries.push({ ...e, decoded });
      }
      return { ...page, entries };
    }
    default:
      return page;
  }
}
