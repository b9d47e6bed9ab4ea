import "server-only";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";

// Request bodies larger than KEYSCOPE_MAX_BODY_BYTES are refused with 413 before they are read
// into memory.

/** Reads a JSON body, counting bytes as they arrive so an oversized one is never buffered. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError("BAD_REQUEST", "The body must be JSON with content-type: application/json.");
  }
  const max = config().maxBodyBytes;
  const declared = Number(req.headers.get("content-length"));
  if (declared > max) throw tooLarge(max);
  if (!req.body) throw new ApiError("BAD_REQUEST", "The request has no body.");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("BAD_REQUEST", "The body is not valid JSON.");
  }
}

function tooLarge(max: number): ApiError {
  return new ApiError("TOO_LARGE", `The request body is over the ${max}-byte limit.`);
}
