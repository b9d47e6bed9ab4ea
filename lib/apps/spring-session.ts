import { info, type KeyFacts, type Recogniser, typeIs } from "./common";

// Spring Session's Redis repositories (namespace `spring:session` by default): a hash per
// session (creationTime, lastAccessedTime, maxInactiveInterval, sessionAttr:<name> as Java
// serialization), an expiry marker and per-minute expiration sets, and the principal index.

const NS = "spring:session:";

function recognise(key: KeyFacts) {
  const t = key.text.slice(NS.length);
  if (t.startsWith("sessions:expires:") && typeIs(key, "string")) {
    const sessionId = t.slice(17);
    return info(
      "spring-session",
      "session_expires",
      `Spring Session ${sessionId}: the marker whose expiry ends the session`,
      { sessionId },
    );
  }
  if (t.startsWith("sessions:") && typeIs(key, "hash")) {
    const sessionId = t.slice(9);
    if (sessionId === "" || sessionId.includes(":")) return undefined;
    return info(
      "spring-session",
      "session",
      `Spring Session ${sessionId}: its times and attributes (sessionAttr:*, Java-serialized)`,
      { sessionId },
    );
  }
  if (t.startsWith("expirations:") && typeIs(key, "set")) {
    const minute = t.slice(12);
    return info(
      "spring-session",
      "expirations",
      `Spring Session: the sessions that expire in minute ${minute}`,
      { minute },
    );
  }
  if (t.startsWith("index:") && typeIs(key, "set", "zset"))
    return info(
      "spring-session",
      "index",
      `Spring Session: the sessions of one principal (${t.slice(6)})`,
    );
  return undefined;
}

export const springSession: Recogniser = {
  framework: "spring-session",
  maybe: (t) => t.startsWith(NS),
  recognise,
};
