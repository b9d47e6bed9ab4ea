import { MAX_NAMESPACE_DEPTH } from "@/lib/schemas/analysis";

// Namespaces over the whole keyspace with bounded memory (docs/analysis.md, "Namespaces").
//
// A key counts at every level of its prefix tree, up to MAX_NAMESPACE_DEPTH: `a:b:c:d:e` counts
// at `a`, `a:b`, `a:b:c`, `a:b:c:d`; the last segment is the key's own name, never a namespace.
// Keys are bytes: they are split on the delimiter characters' UTF-8 bytes, never decoded.
//
// Two rules keep the tree small whatever the number of keys:
// 1. A segment that looks like an id (all digits, a uuid, 16+ hex digits) ends the walk: in
//    `user:1234:profile` the namespace is `user`, not `user:1234` — one node per user is what
//    would make a million-key database a million-node tree. Keys with no delimiter, or whose
//    first segment is an id, count under the prefix "" at depth 1 (they have no namespace).
// 2. At most `maxNodes` nodes live at once. When the tree grows past it, every node at or below
//    the median (memory, then keys) is folded into its parent's "(other)" totals. A child never
//    outweighs its parent, so whole subtrees go together and each parent's figures stay exact:
//    parent = its keys with no deeper namespace + Σ children + other. A pruned prefix that shows
//    up again starts from zero, so a row is a lower bound and is short by at most its parent's
//    (other) figure.

export type NamespaceTotals = {
  keys: number;
  memoryBytes: number;
  noTtlKeys: number;
  smallStrings: number;
};

export type NamespaceNode = NamespaceTotals & {
  /** The prefix's length in bytes; its bytes are made only for rows that are output (prefixOf). */
  end: number;
  /** key[parent.end, end) in latin1 (one char per byte): the child map's key. */
  name: string;
  parent: NamespaceNode | null;
  prefix: Buffer | null;
  depth: number;
  children: Map<string, NamespaceNode> | null;
  /** What pruning folded in from children that are gone. */
  other: NamespaceTotals | null;
};

/** One row out of the tree; `other` rows hold what is not listed of their parent's children. */
export type NamespaceOut = NamespaceTotals & { prefix: Buffer; depth: number; other: boolean };

/** Live nodes at once; ~200 bytes each, so 30k is ~6 MB whatever the key count. */
export const MAX_LIVE_NAMESPACES = 30_000;

const OTHER_LABEL = Buffer.from("(other)");

export class NamespaceTree {
  readonly root: NamespaceNode = newNode(null, "", 0, 0);
  private live = 0;
  private readonly delimiters: Buffer[];
  private readonly singleByte: Uint8Array | null;
  /** Times the tree was pruned (0 = every row exact). */
  prunes = 0;

  constructor(
    delimiter: string,
    private readonly maxNodes = MAX_LIVE_NAMESPACES,
    private readonly maxDepth = MAX_NAMESPACE_DEPTH,
  ) {
    this.delimiters = [...new Set(delimiter)].map((c) => Buffer.from(c, "utf8"));
    if (this.delimiters.length === 0) throw new Error("a delimiter is needed");
    // The common case (ASCII delimiters) is one table lookup per byte.
    if (this.delimiters.every((d) => d.length === 1)) {
      this.singleByte = new Uint8Array(256);
      for (const d of this.delimiters) this.singleByte[d[0] as number] = 1;
    } else this.singleByte = null;
  }

  get firstDelimiter(): Buffer {
    return this.delimiters[0] as Buffer;
  }

  add(key: Buffer, memoryBytes: number, noTtl: boolean, smallString: boolean): void {
    const root = this.root;
    bump(root, memoryBytes, noTtl, smallString);
    let node = root;
    let segStart = 0;
    let depth = 0;
    const table = this.singleByte;
    const n = key.length;
    for (let i = 0; i < n && depth < this.maxDepth; ) {
      // The hot loop of the whole analysis: one table lookup per byte for ASCII delimiters.
      const len = table !== null ? (table[key[i] as number] as number) : this.delimiterAt(key, i);
      if (len === 0) {
        i++;
        continue;
      }
      if (isIdLike(key, segStart, i)) break;
      depth++;
      node = this.child(node, key, i, depth);
      bump(node, memoryBytes, noTtl, smallString);
      i += len;
      segStart = i;
    }
    if (depth === 0) bump(this.child(root, key, 0, 1), memoryBytes, noTtl, smallString);
    if (this.live > this.maxNodes) this.prune();
  }

  /**
   * Rows for the report: the biggest `limit` rows including "(other)" rows, each kept named row's
   * ancestors kept too (a parent never sorts below its child), and, per kept parent, one
   * "(other)" row with what pruning folded in plus the children left off the list.
   */
  rows(limit: number): NamespaceOut[] {
    const all = this.nodesByWeight();
    let named = Math.min(all.length, limit);
    for (;;) {
      const kept = new Set(all.slice(0, named));
      const others = this.otherRows(kept);
      if (named + others.length <= limit || named === 0) {
        const rows: NamespaceOut[] = all.slice(0, named).map(outOf);
        return [...rows, ...others].sort(rowOrder);
      }
      // `named` shrinks every round, so this ends (at worst with only the root's (other) row).
      named = Math.max(0, Math.min(named - 1, limit - others.length));
    }
  }

  private otherRows(kept: Set<NamespaceNode>): NamespaceOut[] {
    const out: NamespaceOut[] = [];
    const visit = (parent: NamespaceNode) => {
      const rest = parent.other ? { ...parent.other } : zero();
      if (parent.children)
        for (const c of parent.children.values()) {
          if (kept.has(c)) visit(c);
          else addTotals(rest, c);
        }
      if (rest.keys === 0 && rest.memoryBytes === 0) return;
      const prefix =
        parent.depth === 0
          ? OTHER_LABEL
          : Buffer.concat([prefixOf(parent), this.firstDelimiter, OTHER_LABEL]);
      out.push({ ...rest, prefix, depth: parent.depth + 1, other: true });
    };
    visit(this.root);
    return out;
  }

  /** Every node but the root, biggest first. */
  private nodesByWeight(): NamespaceNode[] {
    const all: NamespaceNode[] = [];
    const walk = (n: NamespaceNode) => {
      if (!n.children) return;
      for (const c of n.children.values()) {
        all.push(c);
        walk(c);
      }
    };
    walk(this.root);
    return all.sort(byWeightDesc);
  }

  /** The length of the (multi-byte) delimiter at key[i], 0 for none. */
  private delimiterAt(key: Buffer, i: number): number {
    for (const d of this.delimiters) {
      if (i + d.length <= key.length && key.compare(d, 0, d.length, i, i + d.length) === 0)
        return d.length;
    }
    return 0;
  }

  /** The child of `parent` whose prefix is key[0, end). */
  private child(parent: NamespaceNode, key: Buffer, end: number, depth: number) {
    if (parent.children === null) parent.children = new Map();
    // The delimiter before the segment is part of the name: `a:b` and `a/b` are two children.
    const name = key.toString("latin1", parent.end, end);
    let node = parent.children.get(name);
    if (node === undefined) {
      node = newNode(parent, name, end, depth);
      parent.children.set(name, node);
      this.live++;
    }
    return node;
  }

  private prune(): void {
    const all = this.nodesByWeight();
    const threshold = all[Math.floor(all.length / 2)] as NamespaceNode;
    this.prunes++;
    const fold = (parent: NamespaceNode) => {
      if (!parent.children) return;
      for (const [name, c] of parent.children) {
        if (byWeightDesc(c, threshold) >= 0) {
          if (parent.other === null) parent.other = zero();
          addTotals(parent.other, c);
          parent.children.delete(name);
          this.live -= countNodes(c);
        } else fold(c);
      }
    };
    fold(this.root);
  }
}

/** All digits, a uuid (8-4-4-4-12 hex), or 16+ hex digits: a record's id, not a namespace. */
export function isIdLike(key: Buffer, start: number, end: number): boolean {
  const n = end - start;
  if (n === 0) return false;
  let digits = true;
  let hex = true;
  for (let i = start; i < end; i++) {
    const b = key[i] as number;
    const isDigit = b >= 0x30 && b <= 0x39;
    const isHex = isDigit || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46);
    if (!isDigit) digits = false;
    if (!isHex) hex = false;
    if (!digits && !hex) break;
  }
  if (digits || (hex && n >= 16)) return true;
  if (n !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const b = key[start + i] as number;
    const dash = i === 8 || i === 13 || i === 18 || i === 23;
    if (dash ? b !== 0x2d : !isHexByte(b)) return false;
  }
  return true;
}

function isHexByte(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46);
}

function newNode(
  parent: NamespaceNode | null,
  name: string,
  end: number,
  depth: number,
): NamespaceNode {
  return {
    end,
    name,
    parent,
    prefix: null,
    depth,
    keys: 0,
    memoryBytes: 0,
    noTtlKeys: 0,
    smallStrings: 0,
    children: null,
    other: null,
  };
}

/** A node's prefix bytes, built once from its ancestors' names (nodes churn; most never need it). */
export function prefixOf(n: NamespaceNode): Buffer {
  if (n.prefix === null)
    n.prefix =
      n.parent === null
        ? Buffer.alloc(0)
        : Buffer.concat([prefixOf(n.parent), Buffer.from(n.name, "latin1")]);
  return n.prefix;
}

function zero(): NamespaceTotals {
  return { keys: 0, memoryBytes: 0, noTtlKeys: 0, smallStrings: 0 };
}

function bump(n: NamespaceTotals, memoryBytes: number, noTtl: boolean, smallString: boolean): void {
  n.keys++;
  n.memoryBytes += memoryBytes;
  if (noTtl) n.noTtlKeys++;
  if (smallString) n.smallStrings++;
}

function addTotals(into: NamespaceTotals, from: NamespaceTotals): void {
  into.keys += from.keys;
  into.memoryBytes += from.memoryBytes;
  into.noTtlKeys += from.noTtlKeys;
  into.smallStrings += from.smallStrings;
}

function countNodes(n: NamespaceNode): number {
  let count = 1;
  if (n.children) for (const c of n.children.values()) count += countNodes(c);
  return count;
}

/** Memory, then keys, biggest first; a parent before its equal child (shallower first). */
function byWeightDesc(a: NamespaceNode, b: NamespaceNode): number {
  return b.memoryBytes - a.memoryBytes || b.keys - a.keys || a.depth - b.depth;
}

function outOf(n: NamespaceNode): NamespaceOut {
  return {
    prefix: prefixOf(n),
    depth: n.depth,
    keys: n.keys,
    memoryBytes: n.memoryBytes,
    noTtlKeys: n.noTtlKeys,
    smallStrings: n.smallStrings,
    other: false,
  };
}

/** Report order: memory, keys, then shallower first and prefix bytes, so equal runs agree. */
function rowOrder(a: NamespaceOut, b: NamespaceOut): number {
  return (
    b.memoryBytes - a.memoryBytes ||
    b.keys - a.keys ||
    a.depth - b.depth ||
    Buffer.compare(a.prefix, b.prefix) ||
    Number(a.other) - Number(b.other)
  );
}
