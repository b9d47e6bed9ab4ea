import "server-only";
import { randomUUID } from "node:crypto";
import { open, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { dataDir, dataPath, ensureDir } from "@/lib/data-dir";
import { ApiError } from "@/lib/errors";

// A raw request body (an endpoint with `body: {kind: "bytes"}`) streamed to a file of the data
// directory, so a 1 GiB import is never in memory: each chunk is written before the next is
// read (backpressure), the size is counted as bytes arrive, and a body over the limit is cut
// off at once, its file deleted (413). The file is 600 like every file of the data directory,
// since it holds key names and values.

export type Upload = {
  path: string;
  bytes: number;
  /** The first byte (format detection), undefined for an empty body. */
  firstByte: number | undefined;
  /** Deletes the file (idempotent). */
  remove: () => Promise<void>;
};

export async function receiveUpload(
  req: Request,
  opts: { max: number; contentType: string; prefix: string },
): Promise<Upload> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  // Not only tidiness: a cross-site form cannot send this type without a CORS preflight.
  if (type !== opts.contentType)
    throw new ApiError(
      "BAD_REQUEST",
      `The body must be sent as content-type: ${opts.contentType}.`,
    );
  const declared = Number(req.headers.get("content-length"));
  if (declared > opts.max) throw tooLarge(opts.max);
  if (!req.body) throw new ApiError("BAD_REQUEST", "The request has no body (the file).");
  await ensureDir(dataDir());
  await sweepStale(opts.prefix);
  const path = dataPath(`${opts.prefix}-${randomUUID()}.part`);
  const remove = () => rm(path, { force: true });
  const file = await open(path, "wx", 0o600);
  const reader = req.body.getReader();
  let bytes = 0;
  let firstByte: number | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > opts.max) throw tooLarge(opts.max);
      if (firstByte === undefined && value.byteLength > 0) firstByte = value[0];
      await file.write(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    await file.close().catch(() => {});
    await remove();
    // A file-system error (a full disk) is the server's; anything else is the stream failing.
    if (error instanceof ApiError || (error as NodeJS.ErrnoException).syscall) throw error;
    throw new ApiError("BAD_REQUEST", "The upload ended early (the client went away).");
  }
  await file.close();
  return { path, bytes, firstByte, remove };
}

/**
 * Uploads a crash or a kill left behind (a job deletes its file when it ends, whichever way):
 * any older than a day. No import runs that long (1M keys: about a minute).
 */
const STALE_AFTER_MS = 24 * 3600_000;

async function sweepStale(prefix: string): Promise<void> {
  const names = await readdir(dataDir()).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(`${prefix}-`) || !name.endsWith(".part")) continue;
    const path = join(dataDir(), name);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > STALE_AFTER_MS) await rm(path, { force: true });
  }
}

function tooLarge(max: number): ApiError {
  return new ApiError(
    "TOO_LARGE",
    `The file is over the ${max}-byte import limit (KEYSCOPE_MAX_IMPORT_BYTES).`,
  );
}
