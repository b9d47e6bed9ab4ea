import { base64ToBytes, isValidBase64 } from "@/lib/bytes";
import { parseJsonText } from "@/lib/decode/json";
import { type Budget, type DNode, int, NotThisFormat, nul, str } from "@/lib/decode/node";
import type { Decoder } from "@/lib/decode/registry";
import { renderText } from "@/lib/decode/render";
import type { Compression, DecodeFormat, RenderStyle } from "@/lib/schemas/decode";

// Celery's messages as a decoder (format `celery-message`, tried before json): a kombu JSON
// envelope (a queue's list item, or an `unacked` hash value: [envelope, exchange, routing key])
// whose `body` (base64 when properties.body_encoding says so, optionally compressed as the
// `compression` header says) is the task in its `content-type`: JSON, pickle or msgpack through
// the registry's own readers (never Python). Protocol 2 bodies are [args, kwargs, embed];
// protocol 1 bodies a dict with task, id, args, kwargs, eta … And a result backend document
// (`celery-task-meta-*`: status, result, traceback, task_id) becomes "Celery result …".

const utf8 = new TextDecoder("utf-8", { fatal: true });
const enc = new TextEncoder();
const BODY = enc.encode('"body"');
const CONTENT_TYPE = enc.encode('"content-type"');
const STATUS = enc.encode('"status"');
const TASK_ID = enc.encode('"task_id"');

/** What the messages endpoint and the decoder both show of one task message. */
export type CeleryTask = {
  task: string | null;
  id: string | null;
  args: DNode | null;
  kwargs: DNode | null;
  embed: DNode | null;
  eta: string | null;
  expires: string | null;
  retries: number | null;
  priority: number | null;
  origin: string | null;
  rootId: string | null;
  parentId: string | null;
  group: string | null;
  protocol: 1 | 2;
  contentType: string | null;
  compression: Compression | null;
  /** The body's format as read, and its rendering style. */
  bodyFormat: DecodeFormat | null;
  style: RenderStyle;
  /** Why the body could not be read (the envelope still is). */
  bodyError?: string;
  /** The exchange and routing key an `unacked` entry keeps beside the message. */
  exchange?: string;
  routingKey?: string;
};

function has(bytes: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

function firstByte(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  return bytes[i];
}

/** The entry of a map node named `name` (string keys only). */
export function field(n: DNode | undefined | null, name: string): DNode | undefined {
  if (n?.k !== "map") return undefined;
  for (const [k, v] of n.entries) if (k.k === "str" && k.v === name) return v;
  return undefined;
}
export function textOf(n: DNode | undefined): string | null {
  if (!n) return null;
  if (n.k === "str") return n.v;
  if (n.k === "int") return n.v;
  if (n.k === "float" && typeof n.v === "number") return String(n.v);
  if (n.k === "object" && n.repr) return n.repr;
  return null;
}
function numberOf(n: DNode | undefined): number | null {
  if (!n) return null;
  if (n.k === "int" || (n.k === "float" && typeof n.v === "number")) return Number(n.v);
  return null;
}

const CONTENT_TYPES: Record<string, DecodeFormat> = {
  "application/json": "json",
  "application/x-python-serialize": "pickle",
  "application/x-msgpack": "msgpack",
  "application/x-yaml": "text",
  "text/plain": "text",
};
// kombu.compression's names: zlib registers as application/x-gzip (its content type).
const COMPRESSION_TYPES: Record<string, Compression> = {
  "application/x-gzip": "zlib",
  zlib: "zlib",
  gzip: "zlib",
  "application/x-lzma": "lzma",
  lzma: "lzma",
  xz: "lzma",
  "application/zstd": "zstd",
  zstd: "zstd",
  "application/x-brotli": "brotli",
  brotli: "brotli",
};

function lookup<T>(table: Record<string, T>, name: string | null): T | undefined {
  return name !== null && Object.hasOwn(table, name) ? table[name] : undefined;
}

/** The envelope of a message (or of an unacked [message, exchange, routing_key] triple). */
function envelopeOf(
  tree: DNode,
): { env: DNode; exchange?: string; routingKey?: string } | undefined {
  if (tree.k === "map") return field(tree, "body") !== undefined ? { env: tree } : undefined;
  if (tree.k === "list" && tree.items.length === 3 && tree.items[0]?.k === "map") {
    const env = tree.items[0];
    if (field(env, "body") === undefined) return undefined;
    return {
      env,
      exchange: textOf(tree.items[1]) ?? undefined,
      routingKey: textOf(tree.items[2]) ?? undefined,
    };
  }
  return undefined;
}

async function decodeBody(
  body: Uint8Array,
  format: DecodeFormat,
  compression: Compression | undefined,
  budget: Budget,
): Promise<{ tree?: DNode; style: RenderStyle; error?: string }> {
  const style: RenderStyle = format === "pickle" ? "python" : "json";
  if (format === "json" && !compression) {
    try {
      return { tree: parseJsonText(utf8.decode(body), budget), style };
    } catch (e) {
      return { style, error: e instanceof Error ? e.message : String(e) };
    }
  }
  // The registry imports this module: import it back lazily, when a body needs another reader.
  const { decodeBytes } = await import("@/lib/decode/registry");
  const got = await decodeBytes(
    body,
    { format, ...(compression && { compression }) },
    { limits: budget.limits },
  );
  if (!got || got.error || !got.tree) return { style, error: got?.error ?? `no ${format} reader` };
  return { tree: got.tree, style };
}

/** A kombu message's task, or undefined when the bytes are not one. */
export async function readCeleryMessage(
  bytes: Uint8Array,
  budget: Budget,
  opts: { body?: boolean } = {},
): Promise<CeleryTask | undefined> {
  const first = firstByte(bytes);
  if ((first !== 0x7b && first !== 0x5b) || !has(bytes, BODY)) return undefined;
  let tree: DNode;
  try {
    tree = parseJsonText(utf8.decode(bytes), budget);
  } catch {
    return undefined;
  }
  const found = envelopeOf(tree);
  if (!found) return undefined;
  const { env } = found;
  const headers = field(env, "headers");
  const props = field(env, "properties");
  const contentType = textOf(field(env, "content-type"));
  const rawBody = field(env, "body");
  if (rawBody?.k !== "str") return undefined;
  const encoding = textOf(field(props, "body_encoding"));
  let body: Uint8Array;
  if (encoding === "base64") {
    const b64 = rawBody.v.replace(/\s+/g, "");
    if (!isValidBase64(b64, false)) return undefined;
    body = base64ToBytes(b64);
  } else body = enc.encode(rawBody.v);
  const compressionName = textOf(field(headers, "compression"));
  const compression = lookup(COMPRESSION_TYPES, compressionName);
  const format = lookup(CONTENT_TYPES, contentType);
  let decoded: { tree?: DNode; style: RenderStyle; error?: string } = {
    style: "json",
    error: contentType ? `no reader for ${contentType}` : "no content-type",
  };
  if (compressionName && !compression) decoded.error = `compressed with ${compressionName}`;
  // A summary (task, id, eta) needs the headers only; a JSON body is cheap enough to read anyway.
  else if (opts.body === false && !(format === "json" && !compression)) decoded = { style: "json" };
  else if (format) decoded = await decodeBody(body, format, compression, budget);
  const b = decoded.tree;
  const task = textOf(field(headers, "task"));
  // Protocol 2 names the task in the headers; protocol 1 inside the body.
  const protocol: 1 | 2 = task === null && b?.k === "map" && field(b, "task") ? 1 : 2;
  const src = protocol === 2 ? headers : b;
  const list = b && b.k === "list" ? b.items : undefined;
  // A `body` and a `content-type` are not enough (any web cache has them): a task name, or
  // kombu's headers and properties beside them.
  const taskName = task ?? textOf(field(b, "task"));
  if (taskName === null && !(headers?.k === "map" && props?.k === "map")) return undefined;
  const out: CeleryTask = {
    task: taskName,
    id: textOf(field(src, "id")),
    args: protocol === 2 ? (list?.[0] ?? null) : (field(b, "args") ?? null),
    kwargs: protocol === 2 ? (list?.[1] ?? null) : (field(b, "kwargs") ?? null),
    embed: protocol === 2 ? (list?.[2] ?? null) : null,
    eta: textOf(field(src, "eta")),
    expires: textOf(field(src, "expires")),
    retries: numberOf(field(src, "retries")),
    priority: numberOf(field(props, "priority")),
    origin: textOf(field(headers, "origin")),
    rootId: textOf(field(headers, "root_id")),
    parentId: textOf(field(headers, "parent_id")),
    group: textOf(field(src, protocol === 2 ? "group" : "taskset")),
    protocol,
    contentType,
    compression: compression ?? null,
    bodyFormat: format ?? null,
    style: decoded.style,
    ...(decoded.error && { bodyError: decoded.error }),
    ...(found.exchange !== undefined && { exchange: found.exchange }),
    ...(found.routingKey !== undefined && { routingKey: found.routingKey }),
  };
  return out;
}

/** A rendering of args / kwargs for a list of messages (one line where it fits). */
export function renderPart(n: DNode | null, style: RenderStyle, max = 2000): string | null {
  return n ? renderText(n, style, max).text : null;
}

const opt = (n: string | number | null): DNode =>
  n === null ? nul : typeof n === "number" ? int(n) : str(n);

function taskTree(t: CeleryTask): DNode {
  const fields: [string, DNode][] = [
    ["task", opt(t.task)],
    ["id", opt(t.id)],
    ["args", t.args ?? nul],
    ["kwargs", t.kwargs ?? nul],
  ];
  const more: [string, string | number | null][] = [
    ["eta", t.eta],
    ["expires", t.expires],
    ["retries", t.retries],
    ["priority", t.priority],
    ["origin", t.origin],
    ["root_id", t.rootId],
    ["parent_id", t.parentId],
    ["group", t.group],
    ["content_type", t.contentType],
    ["compression", t.compression],
    ["exchange", t.exchange ?? null],
    ["routing_key", t.routingKey ?? null],
    ["body_error", t.bodyError ?? null],
  ];
  for (const [name, v] of more) if (v !== null) fields.push([name, opt(v)]);
  if (t.embed && t.embed.k === "map" && t.embed.entries.some(([, v]) => v.k !== "null"))
    fields.push(["embed", t.embed]);
  if (t.protocol === 1) fields.push(["protocol", int(1)]);
  return { k: "object", cls: "celery.Task", fields };
}

// --- results (celery-task-meta-*) ---

export type CeleryResult = {
  status: string;
  taskId: string | null;
  result: DNode | null;
  traceback: string | null;
  dateDone: string | null;
  name: string | null;
  /** "ValueError: image too large" for a failure. */
  error: string | null;
};

/** The exception a FAILURE stored: exc_type and exc_message (a list, or a string). */
function errorOf(result: DNode | undefined): string | null {
  const type = textOf(field(result, "exc_type"));
  if (!type) return null;
  const msg = field(result, "exc_message");
  const parts =
    msg?.k === "list"
      ? msg.items.map((i) => textOf(i) ?? renderText(i, "json", 200).text)
      : [textOf(msg) ?? ""];
  const text = parts.filter(Boolean).join(", ");
  return text ? `${type}: ${text}` : type;
}

/** A result backend document from its tree, or undefined when it is not one. */
export function resultOf(tree: DNode): CeleryResult | undefined {
  const status = textOf(field(tree, "status"));
  if (status === null || field(tree, "task_id") === undefined) return undefined;
  const result = field(tree, "result");
  return {
    status,
    taskId: textOf(field(tree, "task_id")),
    result: result ?? null,
    traceback: textOf(field(tree, "traceback")),
    dateDone: textOf(field(tree, "date_done")),
    name: textOf(field(tree, "name")),
    error: status === "FAILURE" || status === "RETRY" ? errorOf(result) : null,
  };
}

export function resultSummary(r: CeleryResult): string {
  return r.error ? `Celery result ${r.status}: ${r.error}` : `Celery result ${r.status}`;
}

function resultTree(r: CeleryResult, doc: DNode): DNode {
  const fields: [string, DNode][] = [["status", str(r.status)]];
  if (r.error) fields.push(["error", str(r.error)]);
  fields.push(["result", r.result ?? nul]);
  for (const [k, v] of doc.k === "map" ? doc.entries : []) {
    if (k.k !== "str" || ["status", "result", "traceback"].includes(k.v)) continue;
    fields.push([k.v, v]);
  }
  // As Python printed it, line by line: an inert node whose repr is the text (a JSON string
  // would show it as one line of \n escapes).
  if (r.traceback) fields.push(["traceback", { k: "object", cls: "traceback", repr: r.traceback }]);
  return { k: "object", cls: "celery.Result", fields };
}

// --- the decoder ---

function summary(tree: DNode): string {
  if (tree.k !== "object") return "celery-message";
  const get = (name: string) => tree.fields?.find(([n]) => n === name)?.[1];
  if (tree.cls === "celery.Result") {
    const error = textOf(get("error"));
    return `Celery result ${textOf(get("status"))}${error ? `: ${error}` : ""}`;
  }
  const eta = textOf(get("eta"));
  return `Celery task ${textOf(get("task")) ?? "?"} · id ${textOf(get("id")) ?? "?"}${eta ? ` · eta ${eta}` : ""}`;
}

export const celeryMessage: Decoder = {
  format: "celery-message",
  style: "json",
  detect: (bytes) => {
    const first = firstByte(bytes);
    if (first !== 0x7b && first !== 0x5b) return false;
    return (
      (has(bytes, BODY) && has(bytes, CONTENT_TYPE)) || (has(bytes, STATUS) && has(bytes, TASK_ID))
    );
  },
  decode: async (bytes, budget) => {
    const task = await readCeleryMessage(bytes, budget);
    if (task) return taskTree(task);
    let doc: DNode;
    try {
      doc = parseJsonText(utf8.decode(bytes), budget);
    } catch {
      throw new NotThisFormat("not a Celery message");
    }
    const r = resultOf(doc);
    if (!r) throw new NotThisFormat("not a Celery message or result");
    return resultTree(r, doc);
  },
  summary,
};
