import { clientOf } from "@/lib/api/guard";
import { route } from "@/lib/api/route";
import { sameSecret, signSession } from "@/lib/auth/secrets";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { authSettings } from "@/lib/auth/settings";
import { recordFailure, recordSuccess, retryAfterSeconds } from "@/lib/auth/throttle";
import { ApiError } from "@/lib/errors";
import { loginBody } from "@/lib/schemas/auth";

// POST /api/auth/login – exchange KEYSCOPE_PASSWORD for a session cookie; throttled per client
export const POST = route(
  { open: true, body: loginBody, action: "login" },
  async ({ req, body }) => {
    const { password, sessionTtlSeconds } = authSettings();
    if (password === null)
      throw new ApiError("NOT_FOUND", "Password login is off (KEYSCOPE_PASSWORD is not set).");
    const client = clientOf(req);
    const wait = retryAfterSeconds(client);
    if (wait > 0) {
      return Response.json(
        {
          error: {
            code: "TOO_MANY_REQUESTS",
            message: `Too many wrong passwords; try again in ${wait} s.`,
          },
        },
        { status: 429, headers: { "retry-after": String(wait) } },
      );
    }
    if (!sameSecret(body.password, password)) {
      recordFailure(client);
      throw new ApiError("UNAUTHORIZED", "Wrong password.");
    }
    recordSuccess(client);
    const session = signSession(password, sessionTtlSeconds);
    return Response.json(
      { ok: true, expires: session.expires },
      {
        headers: {
          "set-cookie": sessionCookie(req, session.token, sessionTtlSeconds),
          "cache-control": "no-store",
        },
      },
    );
  },
);
