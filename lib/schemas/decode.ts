import { z } from "zod";
import type { DNode } from "@/lib/decode/node";

// Decoded values (docs/decoders.md): the contract the server's decoders answer with and the
// browser renders. One registry of names: the formats a value can be decoded as and the
// compressions peeled off first. `decode=1` detects; `decode=<format>` or
// `decode=<compression>,<format>` forces (protobuf is only ever forced: any bytes parse as it).

export const DECODE_FORMATS = [
  "json",
  "pickle",
  "msgpack",
  "php",
  "java",
  "marshal",
  "protobuf",
  "celery-message",
  "text",
  "hex",
] as const;
export type DecodeFormat = (typeof DECODE_FORMATS)[number];

export const COMPRESSIONS = ["zlib", "gzip", "lzma", "lz4", "zstd", "brotli"] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** The rendering style a format's tree is shown in: Python's repr for pickles, JSON-like else. */
export type RenderStyle = "python" | "json";

export const decoded = z.object({
  format: z.enum(DECODE_FORMATS),
  compression: z.enum(COMPRESSIONS).optional(),
  /** What was applied, outermost first (["zlib", "pickle"]): the UI's chips. */
  chain: z.array(z.string()),
  /** One line: "pickle · dict of 3", "Celery task proj.add", … */
  summary: z.string(),
  /** A readable rendering, at most 256 KiB (cut with a final "…" when longer). */
  text: z.string(),
  /** The decoded tree (lib/decode/node.ts), bounded in nodes; absent when cut before any. */
  tree: z.custom<DNode>().optional(),
  /** The rendering stops short: the value passed a size, depth, node or time limit. */
  cut: z.string().optional(),
  /** A forced format that does not fit the bytes: why (the value itself is unchanged). */
  error: z.string().optional(),
});
export type Decoded = z.infer<typeof decoded>;

const chainRe = new RegExp(
  `^(?:1|(?:(?:${COMPRESSIONS.join("|")}),)?(?:${DECODE_FORMATS.join("|")}))$`,
);
/** The `decode` query parameter of a value read. */
export const decodeParam = z
  .string()
  .regex(chainRe, `decode must be 1, a format (${DECODE_FORMATS.join(", ")}) or compression,format`)
  .optional();

export type DecodeRequest = { compression?: Compression; format?: DecodeFormat } | "auto";

/** `decode=` as given → what the decoders are asked: detect, or one forced chain. */
export function decodeRequest(param: string | undefined): DecodeRequest | undefined {
  if (param === undefined) return undefined;
  if (param === "1") return "auto";
  const parts = param.split(",");
  const format = parts.at(-1) as DecodeFormat;
  return parts.length === 2 ? { compression: parts[0] as Compression, format } : { format };
}
