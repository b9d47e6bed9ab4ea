import { bytesToBase64 } from "@/lib/bytes";

// The tree every decoder produces (docs/decoders.md): plain JSON-able data, so it can be sent to
// the browser as is, rendered as text on the server, and copied as JSON. Nothing in a tree is
// ever executed or reconstructed into live objects: classes and calls are inert `object` nodes
// that name what they stand for. Integers are decimal strings so big ones stay exact; bytes are
// base64 (binary-safe); map keys are nodes of any type (never JS object keys: no `__proto__`).

export type DNode =
  | { k: "null" }
  | { k: "bool"; v: boolean }
  | { k: "int"; v: string }
  | { k: "float"; v: number | "nan" | "inf" | "-inf" }
  | { k: "str"; v: string }
  | { k: "bytes"; b64: string; len: number }
  | { k: "list"; tag?: ListTag; items: DNode[]; more?: number; id?: number }
  | { k: "map"; tag?: string; entries: [DNode, DNode][]; more?: number; id?: number }
  | {
      k: "object";
      /** The class or callable it stands for: "datetime.datetime", "java.util.HashMap". */
      cls: string;
      /** A rendering a person reads at once: "datetime.datetime(2024, 1, 2, 3, 4, 5)". */
      repr?: string;
      args?: DNode[];
      fields?: [string, DNode][];
      /** Set on a node others refer to, so a `ref` can name it. */
      id?: number;
    }
  /** A node met again (shared or a cycle): shown by id, never expanded twice. */
  | { k: "ref"; id: number; cls?: string }
  /** Where a limit stopped the decoder. */
  | { k: "cut"; why: string };

export type ListTag = "tuple" | "set" | "frozenset" | "array" | "bytearray" | "deque";

export const nul: DNode = { k: "null" };
export const bool = (v: boolean): DNode => ({ k: "bool", v });
export const int = (v: number | bigint | string): DNode => ({ k: "int", v: String(v) });
export const str = (v: string): DNode => ({ k: "str", v });
export function float(v: number): DNode {
  if (Number.isNaN(v)) return { k: "float", v: "nan" };
  if (v === Number.POSITIVE_INFINITY) return { k: "float", v: "inf" };
  if (v === Number.NEGATIVE_INFINITY) return { k: "float", v: "-inf" };
  return { k: "float", v };
}
export const bytesNode = (b: Uint8Array): DNode => ({
  k: "bytes",
  b64: bytesToBase64(b),
  len: b.length,
});

/** Limits every decoder stays within; one Budget per decoded value. */
export type Limits = {
  /** Nodes in the tree (beyond: `cut`). */
  nodes: number;
  /** Nesting depth (beyond: `cut`). */
  depth: number;
  /** Bytes a decompressor may produce. */
  outputBytes: number;
  /** Wall time for the whole chain. */
  timeMs: number;
};

// 20,000 nodes renders to roughly the 256 KiB of text a rendering may hold; 64 levels is deeper
// than any real app's data; 16 MiB of decompressed bytes decodes in well under the time limit.
export const DEFAULT_LIMITS: Limits = {
  nodes: 20_000,
  depth: 64,
  outputBytes: 16 * 1024 * 1024,
  timeMs: 250,
};
/** In a page of many values, each gets a smaller share. */
export const PAGE_ITEM_LIMITS: Limits = { ...DEFAULT_LIMITS, nodes: 2_000, timeMs: 50 };

/** Thrown by a decoder whose input is not its format (caught by the registry). */
export class NotThisFormat extends Error {}

/**
 * Counts what a decoder builds. `take()` is false once the node or time limit is reached: the
 * decoder then emits a `cut` node instead of descending. `cut` records the first reason.
 */
export class Budget {
  private count = 0;
  private readonly deadline: number;
  cut: string | undefined;
  constructor(readonly limits: Limits = DEFAULT_LIMITS) {
    this.deadline = performance.now() + limits.timeMs;
  }
  take(n = 1): boolean {
    if (this.cut !== undefined) return false;
    this.count += n;
    if (this.count > this.limits.nodes) this.cut = `more than ${this.limits.nodes} nodes`;
    else if ((this.count & 1023) === 0 && performance.now() > this.deadline)
      this.cut = `over ${this.limits.timeMs} ms`;
    return this.cut === undefined;
  }
  /** True when `depth` is past the nesting limit (and records the cut). */
  tooDeep(depth: number): boolean {
    if (depth <= this.limits.depth) return false;
    this.cut ??= `nested deeper than ${this.limits.depth}`;
    return true;
  }
  expired(): boolean {
    if (performance.now() > this.deadline) this.cut ??= `over ${this.limits.timeMs} ms`;
    return this.cut !== undefined;
  }
  cutNode(): DNode {
    return { k: "cut", why: this.cut ?? "limit" };
  }
}
