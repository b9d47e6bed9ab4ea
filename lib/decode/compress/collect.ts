// Gathers a decompressor's output chunks up to a byte cap: the one place that decides what
// "stop at maxBytes" means (keep exactly maxBytes, say it was cut), so every format agrees.

export type Inflated = { bytes: Uint8Array; cut: boolean };

export class Collector {
  private chunks: Uint8Array[] = [];
  private size = 0;
  cut = false;
  constructor(private readonly max: number) {}
  /** Adds a chunk; false once the cap is reached (the caller stops decompressing). */
  add(chunk: Uint8Array): boolean {
    if (this.cut) return false;
    const room = this.max - this.size;
    if (chunk.length > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.size = this.max;
      this.cut = true;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }
  get full(): boolean {
    return this.cut;
  }
  result(): Inflated {
    return { bytes: Buffer.concat(this.chunks, this.size), cut: this.cut };
  }
}
