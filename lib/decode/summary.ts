import type { DecodeFormat } from "@/lib/schemas/decode";
import type { DNode } from "./node";

// The one-line summary of a decoded tree when its decoder has no better one:
// "pickle · dict of 3", "json · list of 12", "msgpack · str (5 chars)".

export function shape(n: DNode): string {
  switch (n.k) {
    case "list": {
      const count = n.items.length + (n.more ?? 0);
      return `${n.tag ?? "list"} of ${count}`;
    }
    case "map":
      return `${n.tag ?? "dict"} of ${n.entries.length + (n.more ?? 0)}`;
    case "object":
      return n.cls;
    case "str":
      return `str (${n.v.length} chars)`;
    case "bytes":
      return `bytes (${n.len})`;
    case "int":
    case "float":
      return `${n.k} ${n.v}`;
    case "bool":
      return String(n.v);
    case "null":
      return "null";
    case "ref":
      return `ref #${n.id}`;
    case "cut":
      return `cut (${n.why})`;
  }
}

export function summarize(format: DecodeFormat, tree: DNode): string {
  return `${format} · ${shape(tree)}`;
}
