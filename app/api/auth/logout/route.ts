import { route } from "@/lib/api/route";
import { readCookie, revokeSession, SESSION_COOKIE, verifySession } from "@/lib/auth/secrets";
import { clearedCookie } from "@/lib/auth/session-cookie";
import { authSettings } from "@/lib/auth/settings";

// POST /api/auth/logout – end this session: the cookie is cleared and its id refused from now on
export const POST = route({ open: true, action: "logout" }, async ({ req }) => {
  const { password } = authSettings();
  const session = password
    ? verifySession(password, readCookie(req.headers.get("cookie"), SESSION_COOKIE))
    : null;
  if (session) revokeSession(session.id, session.expires);
  return Response.json(
    { ok: true },
    { headers: { "set-cookie": clearedCookie(req), "cache-control": "no-store" } },
  );
});
