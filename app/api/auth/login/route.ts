import { clientOf } from "@/lib/api/guard";
import { handle } from "@/lib/api/route";
import { sameSecret, signSession } from "@/lib/auth/secrets";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { authSettings } from "@/lib/auth/settings";
import { recordFailure, recordSuccess, retryAfterSeconds } from "@/lib/auth/throttle";
import { auth } from "@/lib/endpoints";
import { ApiError } from "@/lib/errors";

function passwordLoginOff(): ApiError {
  return new ApiError("NOT_FOUND", "Password login is off (KEYSCOPE_PASSWORD is not set).");
}

/** Before the body is read: a throttled client is refused without Keyscope reading its body. */
function refuseWhileThrottled(req: Request, headers: Headers): void {
  if (authSettings().password === null) throw passwordLoginOff();
  const wait = retryAfterSeconds(clientOf(req));
  if (wait > 0) {
    headers.set("retry-after", String(wait));
    throw new ApiError("TOO_MANY_REQUESTS", `Too many failed logins; try again in ${wait} s.`);
  }
}

// POST /api/auth/login – exchange KEYSCOPE_PASSWORD for a session cookie; throttled per client.
// A malformed or oversized body counts as a failed try, like a wrong password: otherwise a
// flood of bad bodies never starts the throttle.
export const POST = handle(
  auth.login,
  async ({ req, body, headers }) => {
    const { password, sessionTtlSeconds } = authSettings();
    if (password === null) throw passwordLoginOff();
    const client = clientOf(req);
    if (!sameSecret(body.password, password)) {
      recordFailure(client);
      throw new ApiError("UNAUTHORIZED", "Wrong password.");
    }
    recordSuccess(client);
    const session = signSession(password, sessionTtlSeconds);
    headers.set("set-cookie", sessionCookie(req, session.token, sessionTtlSeconds));
    return { ok: true, expires: session.expires };
  },
  {
    action: "login",
    beforeBody: refuseWhileThrottled,
    onBadBody: (req) => recordFailure(clientOf(req)),
  },
);
