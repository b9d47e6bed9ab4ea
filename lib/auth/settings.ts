// Auth settings from the environment. Read on every call (cheap) so tests can switch them.
export type AuthSettings = {
  password: string | null;
  token: string | null;
  sessionTtlSeconds: number;
};

export function authSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const hours = Number(env.KEYSCOPE_SESSION_HOURS || 12);
  return {
    password: env.KEYSCOPE_PASSWORD || null,
    token: env.KEYSCOPE_TOKEN || null,
    sessionTtlSeconds: Math.round((Number.isFinite(hours) && hours > 0 ? hours : 12) * 3600),
  };
}

export function authRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.KEYSCOPE_PASSWORD || env.KEYSCOPE_TOKEN);
}
