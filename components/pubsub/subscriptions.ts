import { isParseError } from "@/components/viewers/shared/bytes-codec";
import { type Draft, readDraft } from "@/components/viewers/shared/bytes-field";
import { bytesToBase64Url, type JsonBytes, jsonToBytes } from "@/lib/bytes";

// The subscribe form's list, and how it becomes the stream's query (channel/pattern/shard for
// text, channel64/pattern64/shard64 for other bytes: the URL cannot carry them exactly otherwise).

/** "shard": a sharded channel (SSUBSCRIBE, Redis 7+). */
export type SubscriptionKind = "channel" | "pattern" | "shard";
export type Subscription = { kind: SubscriptionKind; name: JsonBytes };

export const MAX_SUBSCRIPTIONS = 64;

export function subscriptionQuery(subs: readonly Subscription[]) {
  const query: Record<string, string[]> = {
    channel: [],
    channel64: [],
    pattern: [],
    pattern64: [],
    shard: [],
    shard64: [],
  };
  for (const { kind, name } of subs) {
    if (typeof name === "string") query[kind]?.push(name);
    else query[`${kind}64`]?.push(bytesToBase64Url(jsonToBytes(name)));
  }
  return query;
}

/** The draft as a subscription, or the reason it cannot be one. */
export function draftSubscription(
  kind: SubscriptionKind,
  draft: Draft,
): { ok: true; sub: Subscription } | { ok: false; error: string } {
  const name = readDraft(draft);
  if (isParseError(name)) return { ok: false, error: name.error };
  if (jsonToBytes(name).length === 0) return { ok: false, error: "Type a name first." };
  return { ok: true, sub: { kind, name } };
}

export const sameSubscription = (a: Subscription, b: Subscription) =>
  a.kind === b.kind && JSON.stringify(a.name) === JSON.stringify(b.name);
