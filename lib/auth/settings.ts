import { type AuthConfig, config } from "@/lib/config";

// Auth settings, from lib/config.ts (parsed once at start-up; tests reset it between files).
export type AuthSettings = AuthConfig;

export function authSettings(): AuthSettings {
  return config().auth;
}

export function authRequired(): boolean {
  const { password, token } = config().auth;
  return password !== null || token !== null;
}
