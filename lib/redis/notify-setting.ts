import "server-only";
import type { Redis } from "ioredis";
import { ApiError } from "@/lib/errors";
import { notificationsEnabled } from "@/lib/schemas/pubsub";
import { configMap } from "./info";
import type { RedisTarget } from "./target";
import { targetFor } from "./target";

// notify-keyspace-events as the keyspace-events page sees it. Keyspace events are node-local: on
// a cluster a master publishes only its own keys' events, so the setting is read on every master
// (the stream is on only if it is on everywhere) and changed on every master at once.

export type NotifySetting = {
  notifyKeyspaceEvents: string | null;
  enabled: boolean | null;
  message?: string;
};

const NAME = "notify-keyspace-events";

/** Redis answers flags in its own order ("KEA" reads back as "AKE"). */
const sameFlags = (a: string, b: string) => [...a].sort().join("") === [...b].sort().join("");

async function flagsOf(client: Redis): Promise<string> {
  const value = configMap(await client.config("GET", NAME)).get(NAME);
  if (value === undefined)
    throw Object.assign(new Error("no such setting"), { name: "ReplyError" });
  return value;
}

export async function readNotifySetting(target: RedisTarget): Promise<NotifySetting> {
  const masters = await target.masters();
  try {
    const flags = await Promise.all(masters.map((m) => flagsOf(m.client)));
    // The first master whose setting delivers nothing is the one to show (and to change).
    const off = flags.findIndex((f) => !notificationsEnabled(f));
    const shown = flags[off === -1 ? 0 : off] ?? "";
    const differ = new Set(flags).size > 1;
    return {
      notifyKeyspaceEvents: shown,
      enabled: off === -1,
      ...(differ && {
        message: `The masters differ: ${masters.map((m, i) => `${m.addr ?? m.id} "${flags[i]}"`).join(", ")}; events come only from masters where they are on.`,
      }),
    };
  } catch (e) {
    if (!(e instanceof Error && e.name === "ReplyError")) throw e;
    // Managed services rename or refuse CONFIG: subscribe anyway, events may still come.
    return {
      notifyKeyspaceEvents: null,
      enabled: null,
      message: `The server refused CONFIG GET (${e.message}); whether notifications are on is unknown.`,
    };
  }
}

/**
 * CONFIG SET notify-keyspace-events on every master of a cluster, after checking on each that
 * the value is still `expect` (or already `value`): one master changed under the page means
 * nothing is changed. Answers the first master's old value.
 */
export async function changeNotifyOnEveryMaster(
  connId: string,
  value: string,
  expect: string | undefined,
): Promise<{ name: typeof NAME; old: string; value: string; nodes: string[] }> {
  const masters = await targetFor(connId, 0).masters();
  const before = await Promise.all(masters.map((m) => flagsOf(m.client)));
  const moved = masters.findIndex(
    (_, i) =>
      expect !== undefined && before[i] !== expect && !sameFlags(before[i] as string, value),
  );
  if (moved !== -1)
    throw new ApiError(
      "CONFLICT",
      `${NAME} on ${masters[moved]?.addr} is now "${before[moved]}", not "${expect}" as shown; nothing was changed.`,
    );
  try {
    await Promise.all(masters.map((m) => m.client.config("SET", NAME, value)));
  } catch (e) {
    if (e instanceof Error && e.name === "ReplyError" && /invalid argument/i.test(e.message))
      throw new ApiError("BAD_REQUEST", `Redis refused ${NAME} "${value}": ${e.message}`);
    throw e;
  }
  const now = await flagsOf(masters[0]?.client as Redis);
  return {
    name: NAME,
    old: before[0] ?? "",
    value: now,
    nodes: masters.map((m) => m.addr ?? m.id),
  };
}
