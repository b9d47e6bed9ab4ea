import { info, type KeyFacts, type Recogniser, typeIs } from "./common";

// connect-redis (express-session's Redis store): `sess:<sid>` holding JSON.stringify(session).
// express-session's ids are uid-safe(24): 32 base64url characters.

const keyRe = /^sess:([A-Za-z0-9_-]{20,128})$/;

function recognise(key: KeyFacts) {
  const m = keyRe.exec(key.text);
  if (!m || !typeIs(key, "string")) return undefined;
  return info(
    "connect-redis",
    "session",
    `express-session session ${m[1]} (connect-redis): the session as JSON, expiring with its cookie`,
    {
      sessionId: m[1] as string,
    },
  );
}

export const connectRedis: Recogniser = {
  framework: "connect-redis",
  maybe: (t) => t.startsWith("sess:"),
  recognise,
};
