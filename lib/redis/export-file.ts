import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { dataDir, ensureDir } from "@/lib/data-dir";

// The file an export job writes: a temp file in the data directory's exports/ folder (700, the
// file 600), written through a stream with backpressure, so however many keys go by, Keyscope
// holds at most one batch's lines plus the stream's buffer. Every byte but the footer's goes
// through sha256 as it is written, so the footer's checksum costs no second read.

/** Lines are gathered up to this many bytes before one write (a write per line cost 2× the CPU). */
const FLUSH_BYTES = 256 * 1024;
/** Files in exports/ older than this that no job owns (a restart forgot them) are removed. */
const STALE_MS = 24 * 60 * 60_000;

export function exportsDir(): string {
  return join(dataDir(), "exports");
}

export class ExportFile {
  private readonly hash = createHash("sha256");
  private pieces: string[] = [];
  private gathered = 0;
  /** Bytes written so far (what is still gathered is counted once flushed). */
  bytes = 0;

  private constructor(
    /** While written: `….tmp`; once finished, the name without `.tmp`. */
    public path: string,
    private readonly out: WriteStream,
  ) {}

  static async create(extension: "jsonl" | "csv"): Promise<ExportFile> {
    const dir = exportsDir();
    await ensureDir(dir);
    const path = join(dir, `${Date.now()}-${randomBytes(6).toString("hex")}.${extension}.tmp`);
    const out = createWriteStream(path, { flags: "wx", mode: 0o600 });
    await once(out, "open");
    return new ExportFile(path, out);
  }

  /**
   * Appends text (hashed once flushed). Lines are gathered as strings and turned into bytes
   * FLUSH_BYTES at a time: a Buffer and a hash update per line cost 1M small allocations for
   * 1M keys, which is what made the heap (and RSS) grow between collections.
   */
  async write(text: string): Promise<void> {
    this.pieces.push(text);
    this.gathered += text.length;
    if (this.gathered >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.gathered === 0) return;
    const chunk = Buffer.from(this.pieces.join(""));
    this.pieces = [];
    this.gathered = 0;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    // Backpressure: wait for the disk when the stream's own buffer is full (once() rejects
    // when the stream errors meanwhile).
    if (!this.out.write(chunk)) await once(this.out, "drain");
  }

  /** Writes `last(sha256 of all before it)` (the footer, not hashed), closes the file; resolves to its size. */
  async finish(last?: (digest: string) => string): Promise<number> {
    await this.flush();
    if (last !== undefined) {
      const footer = Buffer.from(last(this.hash.digest("hex")));
      this.bytes += footer.length;
      this.out.write(footer);
    }
    this.out.end();
    await once(this.out, "finish");
    const done = this.path.replace(/\.tmp$/, "");
    await rename(this.path, done);
    this.path = done;
    return (await stat(done)).size;
  }

  /** Stops writing and removes the file (a cancelled or failed export leaves nothing). */
  async discard(): Promise<void> {
    this.out.destroy();
    await rm(this.path, { force: true });
  }
}

/** Removes old files no live job owns (a restart forgets its jobs, not their files). */
export async function removeStaleExports(live: Set<string>): Promise<void> {
  const dir = exportsDir();
  const names = await readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    const path = join(dir, name);
    if (live.has(path)) continue;
    const started = Number(name.split("-")[0]);
    if (Number.isFinite(started) && now - started > STALE_MS) await rm(path, { force: true });
  }
}
