"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { BytesField, type Draft, EMPTY_DRAFT } from "@/components/viewers/shared/bytes-field";
import { BytesText } from "@/components/viewers/shared/bytes-text";
import { Segmented } from "@/components/viewers/shared/segmented";
import {
  draftSubscription,
  MAX_SUBSCRIPTIONS,
  type Subscription,
  type SubscriptionKind,
  sameSubscription,
} from "./subscriptions";

const LABELS: Record<SubscriptionKind, string> = {
  channel: "Channel",
  pattern: "Pattern (glob)",
  shard: "Sharded channel",
};

/**
 * Channels, patterns and sharded channels to listen to: type one (text, hex or base64), add it,
 * listed as chips.
 */
export function SubscribeForm({
  subs,
  onChange,
}: {
  subs: Subscription[];
  onChange: (subs: Subscription[]) => void;
}) {
  const [kind, setKind] = useState<SubscriptionKind>("channel");
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const got = draftSubscription(kind, draft);
    if (!got.ok) return setError(got.error);
    if (subs.length >= MAX_SUBSCRIPTIONS)
      return setError(`At most ${MAX_SUBSCRIPTIONS} channels and patterns per stream, in all.`);
    setError(null);
    if (!subs.some((s) => sameSubscription(s, got.sub))) onChange([...subs, got.sub]);
    setDraft({ ...draft, text: "" });
  };
  return (
    <div className="flex flex-col gap-2">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <div className="mb-0.5">
          <Segmented
            label="Subscribe to"
            value={kind}
            options={["channel", "pattern", "shard"] as const}
            labels={{ channel: "Channel", pattern: "Pattern", shard: "Sharded" }}
            onChange={setKind}
          />
        </div>
        <BytesField
          label={LABELS[kind]}
          draft={draft}
          onChange={setDraft}
          placeholder={kind === "channel" ? "orders" : "orders:*"}
          className="min-w-48 flex-1"
        />
        <Button type="submit">Add</Button>
      </form>
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {subs.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Subscriptions">
          {subs.map((s) => (
            <li
              key={`${s.kind}:${JSON.stringify(s.name)}`}
              className="inline-flex max-w-full items-center gap-1 rounded-full border border-zinc-300 bg-zinc-50 py-0.5 pr-1 pl-2 text-xs dark:border-zinc-700 dark:bg-zinc-800"
            >
              <span className="text-zinc-500 dark:text-zinc-400" title={LABELS[s.kind]}>
                {s.kind === "pattern" ? "p" : s.kind === "shard" ? "s" : "c"}
              </span>
              <BytesText value={s.name} className="truncate" />
              <button
                type="button"
                aria-label={`Remove ${s.kind}`}
                className="rounded-full px-1 text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-700"
                onClick={() => onChange(subs.filter((x) => !sameSubscription(x, s)))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
