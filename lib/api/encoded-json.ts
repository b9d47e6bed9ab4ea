import "server-only";
import { bytesToJson } from "@/lib/bytes";

// A JSON answer written straight into bytes by the code that knows its shape, for answers big
// enough that the generic path costs more than the work behind them: a 5,000-key page went
// through toJsonForm (an object per key), JSON.stringify and a UTF-8 encode, ~1.5 µs a key,
// about what Redis spends finding the key (docs/benchmarks.md). `value` gives the same answer
// as plain data; handle() (lib/api/route.ts) only calls it outside production, to check the
// bytes against the endpoint's schema and against what the generic path would have written.

export class EncodedJson<T> {
  constructor(
    readonly body: Uint8Array<ArrayBuffer>,
    readonly value: () => T,
  ) {}
}

/** Writes JSON into one growing buffer; byte strings by the rules of lib/bytes.ts. */
export class JsonWriter {
  private buf: Buffer<ArrayBuffer>;
  private at = 0;

  constructor(sizeHint: number) {
    this.buf = Buffer.allocUnsafe(Math.max(256, sizeHint));
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  /**
   * Text that is already JSON (punctuation, numbers, field names); ASCII only. Copied by hand:
   * Buffer#write costs ~0.3 µs a call, which for the few bytes written here was most of a 5,000-key
   * page's encoding (a profile of a names-only walk of 1M keys: 1 s of 2.3 s).
   */
  raw(text: string): this {
    this.room(text.length);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buf[at++] = text.charCodeAt(i);
    this.at = at;
    return this;
  }

  /**
   * A byte string as the jsonBytes codec encodes it: printable ASCII without `"` or `\` is
   * copied as it is (most key names), anything else goes through bytesToJson and JSON.stringify,
   * exactly as the generic path would write it.
   */
  bytes(b: Buffer): this {
    this.room(b.length + 2);
    const buf = this.buf;
    const start = this.at;
    let at = start;
    buf[at++] = 0x22;
    // Checked and copied in one pass; the first byte that needs more undoes the copy.
    for (let i = 0; i < b.length; i++) {
      const c = b[i] as number;
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        this.at = start;
        return this.text(JSON.stringify(bytesToJson(b)));
      }
      buf[at++] = c;
    }
    buf[at++] = 0x22;
    this.at = at;
    return this;
  }

  /** Any JSON text (may hold non-ASCII characters). */
  text(json: string): this {
    this.room(Buffer.byteLength(json));
    this.at += this.buf.write(json, this.at, "utf8");
    return this;
  }

  done(): Uint8Array<ArrayBuffer> {
    return this.buf.subarray(0, this.at);
  }
}
