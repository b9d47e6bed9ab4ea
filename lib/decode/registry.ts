import { celeryMessage } from "@/lib/apps/celery-message";
import { bytesToBase64 } from "@/lib/bytes";
import type {
  Compression,
  Decoded,
  DecodeFormat,
  DecodeRequest,
  RenderStyle,
} from "@/lib/schemas/decode";
import { capScalars } from "./cap";
import { lz4Decompressor } from "./compress/lz4";
import { brotliDecompressor, gzipDecompressor, zlibDecompressor } from "./compress/node-zlib";
import { xzDecompressor } from "./compress/xz";
import { zstdDecompressor } from "./compress/zstd";
import { java } from "./formats/java";
import { marshal } from "./formats/marshal";
import { msgpack } from "./formats/msgpack";
import { php } from "./formats/php";
import { protobuf } from "./formats/protobuf";
import { decodeJson, looksLikeJson } from "./json";
import {
  Budget,
  bytesNode,
  DEFAULT_LIMITS,
  type DNode,
  type Limits,
  NotThisFormat,
  str,
} from "./node";
import { pickle } from "./pickle/decoder";
import { renderText, TEXT_MAX } from "./render";
import { summarize } from "./summary";

// The one registry of decoders (docs/decoders.md). A value is decoded as a chain: at most one
// decompression (found by its magic bytes, or forced), then one format (the first whose cheap
// `detect` matches and whose reader accepts the bytes, or forced). Order matters: specific
// formats with magic bytes first, heuristic ones (msgpack) last; protobuf is only ever forced.
// Nothing here runs code from a value: every reader builds an inert tree within a Budget.

export type Decoder = {
  format: DecodeFormat;
  style: RenderStyle;
  /** Cheap test on the first bytes; absent = only when forced. */
  detect?: (bytes: Uint8Array) => boolean;
  /** The tree; throws NotThisFormat when the bytes are not this format. */
  decode: (bytes: Uint8Array, budget: Budget) => DNode | Promise<DNode>;
  /** One line naming what the tree is ("Celery task proj.add"); the generic one otherwise. */
  summary?: (tree: DNode) => string;
};

export type Decompressor = {
  name: Compression;
  /** Magic bytes; absent = only when forced (brotli has none). */
  magic?: (bytes: Uint8Array) => boolean;
  /** At most `maxBytes` of output (`cut` when there was more); throws NotThisFormat on bad input. */
  inflate: (
    bytes: Uint8Array,
    maxBytes: number,
  ) => { bytes: Uint8Array; cut: boolean } | Promise<{ bytes: Uint8Array; cut: boolean }>;
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

const text: Decoder = {
  format: "text",
  style: "json",
  decode: (bytes) => {
    try {
      return str(utf8.decode(bytes));
    } catch {
      throw new NotThisFormat("not UTF-8 text");
    }
  },
};
/** Bytes as a node holding at most `max` of them (`len` says how many there are). */
function shownBytes(b: Uint8Array, max: number): DNode {
  if (b.length <= max) return bytesNode(b);
  return { k: "bytes", b64: bytesToBase64(b.subarray(0, max)), len: b.length };
}
// A rendering shows at most TEXT_MAX characters, at least one per byte: more are never shown.
const hex: Decoder = {
  format: "hex",
  style: "json",
  decode: (bytes) => shownBytes(bytes, TEXT_MAX),
};
const json: Decoder = { format: "json", style: "json", detect: looksLikeJson, decode: decodeJson };

/** Detection order: most specific first. */
export const DECODERS: Decoder[] = [
  pickle,
  java,
  marshal,
  php,
  celeryMessage,
  json,
  msgpack,
  protobuf,
  text,
  hex,
];
export const DECOMPRESSORS: Decompressor[] = [
  zlibDecompressor,
  gzipDecompressor,
  xzDecompressor,
  lz4Decompressor,
  zstdDecompressor,
  brotliDecompressor,
];

/** The tree's strings and bytes together hold at most this many times the text cap (cap.ts). */
const TREE_CHARS_PER_TEXT = 4;

/** The compression `bytes` start with (by the decompressors' magic bytes), if any. */
export function compressionOf(bytes: Uint8Array): Compression | undefined {
  return DECOMPRESSORS.find((d) => d.magic?.(bytes))?.name;
}

const decoderOf = (f: DecodeFormat) => DECODERS.find((d) => d.format === f);

type Inflated = { bytes: Uint8Array; compression?: Compression; cut?: string };

async function inflate(
  bytes: Uint8Array,
  req: DecodeRequest,
  limits: Limits,
): Promise<Inflated | string> {
  const forced = req === "auto" ? undefined : req.compression;
  const candidates = forced
    ? DECOMPRESSORS.filter((d) => d.name === forced)
    : req === "auto" || req.format === undefined
      ? DECOMPRESSORS.filter((d) => d.magic?.(bytes))
      : [];
  if (forced && candidates.length === 0) return `${forced} is not available`;
  for (const d of candidates) {
    try {
      const out = await d.inflate(bytes, limits.outputBytes);
      return {
        bytes: out.bytes,
        compression: d.name,
        ...(out.cut && { cut: `decompressed past ${limits.outputBytes} bytes` }),
      };
    } catch (e) {
      if (forced) return e instanceof Error ? e.message : String(e);
    }
  }
  return { bytes };
}

async function tryDecoder(d: Decoder, bytes: Uint8Array, budget: Budget): Promise<DNode | string> {
  try {
    return await d.decode(bytes, budget);
  } catch (e) {
    if (e instanceof NotThisFormat) return e.message;
    // A reader bug must not take the route down: the value is shown raw, and why.
    return `${d.format} reader failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export type DecodeOptions = {
  limits?: Limits;
  /** Text cap of the rendering (smaller for values in a page). */
  textMax?: number;
  /** A chain the key's app suggests (lib/apps), tried first when detecting. */
  hint?: {
    compression?: Compression;
    format: DecodeFormat;
    /** What the app makes of the tree ("Django session · user 23"), when it was read as hinted. */
    summary?: (tree: DNode) => string | undefined;
  };
};

/**
 * The decoding of one byte string, or null when nothing is recognised (plain text, or bytes no
 * decoder accepts) under detection. A forced chain always answers, with `error` when it fails.
 */
export async function decodeBytes(
  bytes: Uint8Array,
  req: DecodeRequest,
  options: DecodeOptions = {},
): Promise<Decoded | null> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const budget = new Budget(limits);
  const forcedFormat = req === "auto" ? undefined : req.format;
  const inflated = await inflate(
    bytes,
    req === "auto" && options.hint ? options.hint : req,
    limits,
  );
  if (typeof inflated === "string") return failure(forcedFormat ?? "hex", req, inflated);
  const body = inflated.bytes;
  const chainHead = inflated.compression ? [inflated.compression] : [];

  let decoder: Decoder | undefined;
  let tree: DNode | undefined;
  if (forcedFormat) {
    decoder = decoderOf(forcedFormat);
    if (!decoder) return failure(forcedFormat, req, `no ${forcedFormat} reader`);
    const got = await tryDecoder(decoder, body, budget);
    if (typeof got === "string") return failure(forcedFormat, req, got, inflated.compression);
    tree = got;
  } else {
    const hinted = options.hint && decoderOf(options.hint.format);
    const order = [
      ...(hinted ? [hinted] : []),
      ...DECODERS.filter((d) => d.detect && d !== hinted),
    ];
    for (const d of order) {
      if (d !== hinted && !d.detect?.(body)) continue;
      const got = await tryDecoder(d, body, budget);
      if (typeof got !== "string") {
        decoder = d;
        tree = got;
        break;
      }
      if (budget.expired()) break;
    }
    // Decompressed but in no known format: show what came out, as text or hex.
    if (!decoder && inflated.compression) {
      // One UTF-8 decoding, not a check and then a second one: a cut bomb is 16 MiB of text.
      const asText = await tryDecoder(text, body, budget);
      decoder = typeof asText === "string" ? hex : text;
      tree = typeof asText === "string" ? await hex.decode(body, budget) : asText;
    }
  }
  if (!decoder || !tree) return null;
  const textMax = options.textMax ?? TEXT_MAX;
  const appSummary =
    options.hint?.format === decoder.format ? options.hint.summary?.(tree) : undefined;
  const summary = appSummary ?? decoder.summary?.(tree) ?? summarize(decoder.format, tree);
  // Text and hex are the bytes themselves: past the rendering cap the tree keeps only what is
  // shown. Whole, a cut 16 MiB bomb answered with 100 MB of JSON in 2.5 s (measured), and hex
  // rendered 64 MB of escapes to show 256 KiB of them.
  const hexCut = decoder.format === "hex" && body.length > textMax / 4;
  if (hexCut) tree = shownBytes(body, Math.floor(textMax / 4));
  const rendered =
    decoder.format === "text" && tree.k === "str"
      ? { text: tree.v.slice(0, textMax), cut: tree.v.length > textMax }
      : renderText(tree, decoder.style, textMax);
  if (decoder.format === "text" && rendered.cut) tree = str(rendered.text);
  const scalarsCut = capScalars(tree, TREE_CHARS_PER_TEXT * textMax);
  const cut =
    inflated.cut ??
    budget.cut ??
    (rendered.cut || hexCut ? `rendering over ${textMax} characters` : undefined) ??
    (scalarsCut ? `strings over ${TREE_CHARS_PER_TEXT * textMax} characters in all` : undefined);
  return {
    format: decoder.format,
    ...(inflated.compression && { compression: inflated.compression }),
    chain: [...chainHead, decoder.format],
    summary,
    text: rendered.text,
    tree,
    ...(cut && { cut }),
  };
}

function failure(
  format: DecodeFormat,
  req: DecodeRequest,
  error: string,
  compression?: Compression,
): Decoded {
  const chain =
    req === "auto"
      ? [format]
      : [req.compression, req.format ?? format].filter((x): x is NonNullable<typeof x> => !!x);
  return {
    format,
    ...(compression && { compression }),
    chain,
    summary: `not ${chain.join(" → ")}`,
    text: "",
    error,
  };
}
