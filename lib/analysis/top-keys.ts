import type { KeySample, Report } from "@/lib/schemas/analysis";

// The biggest N items seen so far, in O(log N) per item and O(N) memory whatever the stream's
// length: a min-heap whose root is the smallest kept item, so a newcomer either beats the root
// (replace it, sift down) or is dropped in O(1). Used for the report's top keys by memory and by
// length, and for the few example keys each recommendation names.

export class TopN<T> {
  private readonly heap: { score: number; item: T }[] = [];

  constructor(private readonly limit: number) {}

  /** Offer an item; kept if it is among the `limit` biggest so far (ties keep the earlier one). */
  offer(score: number, item: T): void {
    if (this.limit <= 0) return;
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push({ score, item });
      this.siftUp(heap.length - 1);
      return;
    }
    const root = heap[0] as { score: number; item: T };
    if (score <= root.score) return;
    heap[0] = { score, item };
    this.siftDown(0);
  }

  /** As offer, but builds the item only when it will be kept (most offers are dropped). */
  offerLazy<A>(score: number, arg: A, make: (arg: A) => T): void {
    if (this.admits(score)) this.offer(score, make(arg));
  }

  /** Would an item with this score be kept? */
  admits(score: number): boolean {
    if (this.limit <= 0) return false;
    return this.heap.length < this.limit || score > (this.heap[0] as { score: number }).score;
  }

  get size(): number {
    return this.heap.length;
  }

  /** The kept items, biggest first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => b.score - a.score).map((e) => e.item);
  }

  private siftUp(start: number): void {
    const heap = this.heap;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as { score: number; item: T };
      const c = heap[i] as { score: number; item: T };
      if (p.score <= c.score) break;
      heap[parent] = c;
      heap[i] = p;
      i = parent;
    }
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const n = heap.length;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (
        l < n &&
        (heap[l] as { score: number }).score < (heap[smallest] as { score: number }).score
      )
        smallest = l;
      if (
        r < n &&
        (heap[r] as { score: number }).score < (heap[smallest] as { score: number }).score
      )
        smallest = r;
      if (smallest === i) return;
      const tmp = heap[i] as { score: number; item: T };
      heap[i] = heap[smallest] as { score: number; item: T };
      heap[smallest] = tmp;
      i = smallest;
    }
  }
}

/** A report's top-key row for a sample (TTL in seconds, rounded as Redis's TTL rounds). */
export function topKeyOf(s: KeySample): Report["topKeys"][number] {
  return {
    // A copy: the collector's key may be a slice of a large reply buffer this would keep alive.
    key: Buffer.from(s.key),
    type: s.type,
    memoryBytes: s.memoryBytes,
    length: s.length,
    ttl: s.ttlMs < 0 ? -1 : Math.round(s.ttlMs / 1000),
    encoding: s.encoding,
  };
}
