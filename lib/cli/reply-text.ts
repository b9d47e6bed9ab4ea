import { base64ToBytes, displayBytes, utf8Bytes } from "@/lib/bytes";
import type { ReplyJson } from "@/lib/schemas/cli";

// A reply as redis-cli prints it on a terminal: `(integer) 5`, `(nil)`, a status bare (OK) and
// a bulk string quoted ("OK"), `(error) …`, nested arrays numbered `1) 1) …` with the inner
// lines indented under their number. Unlike redis-cli, valid UTF-8 shows as characters; other
// bytes as \xNN. Client-safe: the console page renders with it.

/** Commands whose text redis-cli prints raw (line breaks as breaks), as redis-cli.c lists them. */
const RAW_TEXT_COMMANDS = new Set([
  "INFO",
  "LOLWUT",
  "CLIENT LIST",
  "CLIENT INFO",
  "CLUSTER NODES",
  "CLUSTER INFO",
  "MEMORY DOCTOR",
  "MEMORY MALLOC-STATS",
  "LATENCY DOCTOR",
  "LATENCY GRAPH",
  "DEBUG HTSTATS",
  "DEBUG HTSTATS-KEY",
]);

/** Whether a command's string reply is text for reading as it is (INFO, CLIENT LIST…). */
export function isRawTextCommand(args: readonly string[]): boolean {
  const [name = "", sub = ""] = args.map((a) => a.toUpperCase());
  return RAW_TEXT_COMMANDS.has(name) || RAW_TEXT_COMMANDS.has(`${name} ${sub}`);
}

function bytesOf(value: string | { b64: string }): Uint8Array {
  return typeof value === "string" ? utf8Bytes(value) : base64ToBytes(value.b64);
}

function quoted(value: string | { b64: string }): string {
  return `"${displayBytes(bytesOf(value)).replaceAll('"', '\\"')}"`;
}

export type FormatOptions = { raw?: boolean };

export function formatReply(reply: ReplyJson, opts: FormatOptions = {}, indent = ""): string {
  switch (reply.type) {
    case "status":
      return displayBytes(bytesOf(reply.value));
    case "error":
      return `(error) ${displayBytes(bytesOf(reply.value))}`;
    case "string":
      if (opts.raw && typeof reply.value === "string") return reply.value;
      return quoted(reply.value);
    case "integer":
      return `(integer) ${reply.value}`;
    case "double":
      return `(double) ${reply.value}`;
    case "nil":
      return "(nil)";
    case "bool":
      return reply.value ? "(true)" : "(false)";
    case "array":
      return numbered(reply.value, ") ", opts, indent, (item, inner) =>
        formatReply(item, opts, inner),
      );
    case "map":
      return numbered(reply.value, "# ", opts, indent, ([k, v], inner) => {
        const key = formatReply(k, opts, inner);
        return `${key} => ${formatReply(v, opts, inner + " ".repeat(key.length + 4))}`;
      });
  }
}

function numbered<T>(
  items: readonly T[],
  mark: string,
  _opts: FormatOptions,
  indent: string,
  one: (item: T, inner: string) => string,
): string {
  if (items.length === 0) return mark === "# " ? "(empty hash)" : "(empty array)";
  const width = String(items.length).length;
  return items
    .map((item, i) => {
      const label = `${String(i + 1).padStart(width)}${mark}`;
      const body = one(item, indent + " ".repeat(label.length));
      return `${i === 0 ? "" : indent}${label}${body}`;
    })
    .join("\n");
}
