import { handle } from "@/lib/api/route";
import { readCookie, revokeSession, SESSION_COOKIE, verifySession } from "@/lib/auth/secrets";
import { clearedCookie } from "@/lib/auth/session-cookie";
import { authSettings } from "@/lib/auth/settings";
import { auth } from "@/lib/endpoints";

// POST /api/auth/logout – end this session: the cookie is cleared and its id refused from now on
export const POST = handle(
  auth.logout,
  async ({ req, headers }) => {
    const { password } = authSettings();
    const session = password
      ? verifySession(password, readCookie(req.headers.get("cookie"), SESSION_COOKIE))
      : null;
    if (session) revokeSession(session.id, session.expires);
    headers.set("set-cookie", clearedCookie(req));
    return { ok: true };
  },
  { action: "logout" },
);
