import { clientOf } from "@/lib/api/guard";
import { handle } from "@/lib/api/route";
import { sameSecret, signSession } from "@/lib/auth/secrets";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { authSettings } from "@/lib/auth/settings";
import { recordFailure, recordSuccess, retryAfterSeconds } from "@/lib/auth/throttle";
import { auth } from "@/lib/endpoints";
import { ApiError } from "@/lib/errors";

// POST /api/auth/login – exchange KEYSCOPE_PASSWORD for a session cookie; throttled per client
export const POST = handle(
  auth.login,
  async ({ req, body, headers }) => {
    const { password, sessionTtlSeconds } = authSettings();
    if (password === null)
      throw new ApiError("NOT_FOUND", "Password login is off (KEYSCOPE_PASSWORD is not set).");
    const client = clientOf(req);
    const wait = retryAfterSeconds(client);
    if (wait > 0) {
      headers.set("retry-after", String(wait));
      throw new ApiError("TOO_MANY_REQUESTS", `Too many wrong passwords; try again in ${wait} s.`);
    }
    if (!sameSecret(body.password, password)) {
      recordFailure(client);
      throw new ApiError("UNAUTHORIZED", "Wrong password.");
    }
    recordSuccess(client);
    const session = signSession(password, sessionTtlSeconds);
    headers.set("set-cookie", sessionCookie(req, session.token, sessionTtlSeconds));
    return { ok: true, expires: session.expires };
  },
  { action: "login" },
);
