import { loginBody, loginResult, sessionStatus } from "@/lib/schemas/auth";
import { okResult } from "@/lib/schemas/connections";
import { endpoint } from "./define";

// Logging in and out.

export const login = endpoint({
  method: "POST",
  path: "/api/auth/login",
  summary: "Log in with KEYSCOPE_PASSWORD: sets the session cookie; 429 when throttled",
  body: loginBody,
  response: loginResult,
  open: true,
});

export const logout = endpoint({
  method: "POST",
  path: "/api/auth/logout",
  summary: "End this session: the cookie is cleared and its id refused from now on",
  response: okResult,
  open: true,
});

export const session = endpoint({
  method: "GET",
  path: "/api/auth/session",
  summary: "Whether auth is on and this request is logged in",
  response: sessionStatus,
  open: true,
});
