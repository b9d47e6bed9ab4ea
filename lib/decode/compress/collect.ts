// Gathers a decompressor's output up to a byte cap: the one place that decides what "stop at
// maxBytes" means (keep exactly maxBytes, say it was cut), so every format agrees. The output
// buffer is allocated at the cap once: the OS maps its pages lazily, so only what is written
// counts in RSS, and nothing is copied as it grows. Chunks joined at the end, or a buffer grown
// by doubling, held the output about twice at the peak (a cut 16 MiB bomb: RSS +32 MiB and
// more, against +16 MiB). A small result is copied out so the big buffer can go.

export type Inflated = { bytes: Uint8Array; cut: boolean };

export class Collector {
  private buf: Uint8Array | undefined;
  private size = 0;
  cut = false;
  constructor(private readonly max: number) {}
  /** Adds a chunk; false once the cap is reached (the caller stops decompressing). */
  add(chunk: Uint8Array): boolean {
    if (this.cut) return false;
    this.buf ??= new Uint8Array(this.max);
    const room = this.max - this.size;
    const take = Math.min(chunk.length, room);
    this.buf.set(take === chunk.length ? chunk : chunk.subarray(0, take), this.size);
    this.size += take;
    if (chunk.length > room) this.cut = true;
    return !this.cut;
  }
  get full(): boolean {
    return this.cut;
  }
  result(): Inflated {
    const all = this.buf ?? new Uint8Array(0);
    const bytes = this.size * 4 < all.length ? all.slice(0, this.size) : all.subarray(0, this.size);
    return { bytes, cut: this.cut };
  }
}
