import "server-only";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import { connectionConfig } from "@/lib/redis/client";

// The one gate every request passes through (lib/api/route.ts calls it before any handler).
// Whether a request writes is decided by its method, not by a flag a route could forget: any
// method other than GET and HEAD is a write.

export function isWrite(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}

/** Refuses a write whose Origin names another site (the browser sends Origin on every POST). */
function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new ApiError("FORBIDDEN", "Cross-site writes are refused.");
  }
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ApiError("FORBIDDEN", "Cross-site writes are refused.");
  }
  if (originHost !== host) throw new ApiError("FORBIDDEN", "Cross-site writes are refused.");
}

export function assertWriteAllowed(req: Request, connId: string | undefined): void {
  assertSameOrigin(req);
  if (config().readOnly) {
    throw new ApiError(
      "READ_ONLY",
      "Keyscope runs in read-only mode (KEYSCOPE_READ_ONLY); writes are refused.",
    );
  }
  if (connId !== undefined && connectionConfig(connId).readOnly) {
    throw new ApiError("READ_ONLY", `Connection "${connId}" is read-only; writes are refused.`);
  }
}

/** Checks every request before its handler runs. */
export function guardRequest(req: Request, connId: string | undefined): void {
  if (connId !== undefined) connectionConfig(connId); // 404 for an unknown connection first
  if (isWrite(req.method)) assertWriteAllowed(req, connId);
}
