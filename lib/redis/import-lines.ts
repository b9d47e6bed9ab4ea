import "server-only";
import { open } from "node:fs/promises";
import { ApiError } from "@/lib/errors";

// Lines of an import file, read from disk in 1 MiB chunks: a line is held only while it is
// checked or written, so memory stays flat whatever the file's size. Node's readline would do
// the splitting but decodes to strings (a DUMP payload's bytes are not text) and has no bound
// on a line's length; this keeps Buffers and refuses a line over `maxLine` as it grows.

const CHUNK_BYTES = 1024 * 1024;
const NL = 0x0a;

export type Line = {
  /** 1-based. */
  no: number;
  /** Without its "\n". */
  bytes: Buffer;
  /** The line ended with "\n" (the last line of a truncated file does not). */
  ended: boolean;
  /** Bytes of the file up to and including this line. */
  offset: number;
};

export class LineTooLong extends ApiError {
  constructor(no: number, max: number) {
    super("BAD_REQUEST", `line ${no}: longer than ${max} bytes; the file cannot be imported.`);
  }
}

export async function* readLines(path: string, maxLine: number): AsyncGenerator<Line> {
  const file = await open(path, "r");
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let parts: Buffer[] = [];
    let partBytes = 0;
    let no = 0;
    let offset = 0;
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      let from = 0;
      while (from < bytesRead) {
        const nl = chunk.indexOf(NL, from);
        const end = nl < 0 || nl >= bytesRead ? bytesRead : nl;
        const piece = chunk.subarray(from, end);
        if (partBytes + piece.length > maxLine) throw new LineTooLong(no + 1, maxLine);
        if (end === bytesRead) {
          // The line goes on in the next chunk: keep a copy (the chunk buffer is reused).
          parts.push(Buffer.from(piece));
          partBytes += piece.length;
          break;
        }
        const bytes = parts.length ? Buffer.concat([...parts, piece]) : Buffer.from(piece);
        parts = [];
        partBytes = 0;
        offset += bytes.length + 1;
        yield { no: ++no, bytes, ended: true, offset };
        from = end + 1;
      }
    }
    if (partBytes > 0) {
      const bytes = Buffer.concat(parts);
      offset += bytes.length;
      yield { no: ++no, bytes, ended: false, offset };
    }
  } finally {
    await file.close();
  }
}
