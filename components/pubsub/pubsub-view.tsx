"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { BytesText } from "@/components/viewers/shared/bytes-text";
import { useConnection } from "@/hooks/use-connections";
import { useEventStream } from "@/hooks/use-event-stream";
import { useLiveBuffer } from "@/hooks/use-live-buffer";
import { pubsub } from "@/lib/endpoints";
import type { MessageEventJson, SubscribedJson } from "@/lib/schemas/pubsub";
import { ChannelsCard } from "./channels-card";
import { clockTime, LiveList } from "./live-list";
import { PublishForm } from "./publish-form";
import { LossNote, StreamBadge, StreamProblem } from "./stream-status";
import { SubscribeForm } from "./subscribe-form";
import { type Subscription, sameSubscription, subscriptionQuery } from "./subscriptions";

/** Messages kept in the page; older ones leave as new ones come (RedisInsight keeps as many). */
const KEPT = 5000;

/**
 * Subscribe to channels, patterns and sharded channels, watch messages live, publish, see active
 * channels.
 */
export function PubsubView({ conn }: { conn: string }) {
  const { connection } = useConnection(conn);
  const canWrite = connection === undefined ? undefined : !connection.readOnly;
  const [subs, setSubs] = useState<Subscription[]>([]);
  const [confirmed, setConfirmed] = useState<SubscribedJson | null>(null);
  const live = useLiveBuffer<MessageEventJson>(KEPT);
  const stream = useEventStream(pubsub.pubsubSubscribe, (events) => {
    const messages: MessageEventJson[] = [];
    for (const e of events as (MessageEventJson | { subscribed: typeof confirmed })[]) {
      if ("subscribed" in e) setConfirmed(e.subscribed);
      else messages.push(e);
    }
    live.push(messages);
  });
  const open = stream.state.status === "open";
  const start = (list = subs) => {
    setConfirmed(null);
    stream.start({ params: { conn }, query: subscriptionQuery(list) });
  };
  const listen = (channel: Subscription["name"], sharded: boolean) => {
    const sub: Subscription = { kind: sharded ? "shard" : "channel", name: channel };
    const next = subs.some((s) => sameSubscription(s, sub)) ? subs : [...subs, sub];
    setSubs(next);
    start(next);
  };
  const dropped = stream.state.status === "ended" ? stream.state.end.dropped : undefined;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="pubsub">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-4 p-4">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-lg font-semibold">Pub/Sub</h1>
          <StreamBadge state={stream.state} />
          {open && confirmed && (
            <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="subscribed">
              subscribed to {confirmed.channels} {confirmed.channels === 1 ? "channel" : "channels"}
              , {confirmed.patterns} {confirmed.patterns === 1 ? "pattern" : "patterns"}
              {confirmed.shards > 0 &&
                `, ${confirmed.shards} sharded ${confirmed.shards === 1 ? "channel" : "channels"}`}
            </span>
          )}
        </div>
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <Card
            title="Messages"
            testId="messages"
            className="min-h-[60vh]"
            actions={
              <>
                <LossNote dropped={dropped} skipped={live.skipped} />
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {live.items.length.toLocaleString()} kept (at most {KEPT.toLocaleString()})
                </span>
                <Button size="sm" onClick={() => live.setPaused(!live.paused)} disabled={!open}>
                  {live.paused ? "Resume" : "Pause"}
                </Button>
                <Button
                  size="sm"
                  onClick={live.clear}
                  disabled={live.items.length === 0 && live.skipped === 0}
                >
                  Clear
                </Button>
              </>
            }
          >
            <SubscribeForm subs={subs} onChange={setSubs} />
            <div className="flex items-center gap-2">
              {open ? (
                <Button variant="danger" onClick={stream.stop}>
                  Stop
                </Button>
              ) : (
                <Button variant="primary" disabled={subs.length === 0} onClick={() => start()}>
                  Subscribe
                </Button>
              )}
              {open && (
                <Button onClick={() => start()} disabled={subs.length === 0}>
                  Apply changes
                </Button>
              )}
            </div>
            <StreamProblem state={stream.state} />
            <LiveList
              items={live.items}
              label="Messages"
              testId="message-list"
              columns={["Time", "Channel", "Pattern", "Message"]}
              template="6.5rem minmax(6rem,1fr) minmax(5rem,1fr) minmax(0,2fr)"
              empty={
                open
                  ? "Listening… no message yet."
                  : subs.length === 0
                    ? "Add a channel or a pattern, then subscribe."
                    : "Subscribe to see messages as they are published."
              }
              cells={(m) => [
                <span key="t" className="font-mono text-zinc-500 dark:text-zinc-400">
                  {clockTime(m.time)}
                </span>,
                <span key="c" className="flex min-w-0 items-center gap-1">
                  <BytesText value={m.channel} className="truncate" />
                  {m.sharded && <Badge tone="teal">sharded</Badge>}
                </span>,
                m.pattern === undefined ? (
                  <span key="p" className="text-zinc-400">
                    –
                  </span>
                ) : (
                  <BytesText
                    key="p"
                    value={m.pattern}
                    className="text-violet-700 dark:text-violet-300"
                  />
                ),
                <span key="m" className="flex min-w-0 items-center gap-1">
                  <BytesText value={m.message} className="truncate" empty="(empty)" />
                  {m.cut && <Badge tone="amber">cut · {m.length?.toLocaleString()} B</Badge>}
                </span>,
              ]}
            />
          </Card>
          <div className="flex flex-col gap-4">
            <PublishForm conn={conn} canWrite={canWrite} />
            <ChannelsCard conn={conn} onSubscribe={listen} />
          </div>
        </div>
      </div>
    </div>
  );
}
