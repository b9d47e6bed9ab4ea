import { isAuthenticated } from "@/lib/api/guard";
import { handle } from "@/lib/api/route";
import { authRequired, authSettings } from "@/lib/auth/settings";
import { config } from "@/lib/config";
import { auth } from "@/lib/endpoints";

// GET /api/auth/session – whether auth is on and this request is logged in (for the UI)
export const GET = handle(auth.session, async ({ req }) => ({
  authRequired: authRequired(),
  passwordLogin: authSettings().password !== null,
  authenticated: isAuthenticated(req),
  readOnly: config().readOnly,
}));
