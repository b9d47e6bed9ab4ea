"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { clockTime, LiveList } from "@/components/pubsub/live-list";
import { LossNote, StreamBadge, StreamProblem } from "@/components/pubsub/stream-status";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { BytesText } from "@/components/viewers/shared/bytes-text";
import { useConnection } from "@/hooks/use-connections";
import { useEventStream } from "@/hooks/use-event-stream";
import { useLiveBuffer } from "@/hooks/use-live-buffer";
import { bytesToBase64Url, jsonToBytes } from "@/lib/bytes";
import { pubsub } from "@/lib/endpoints";
import {
  type EventsStatusJson,
  type KeyEventJson,
  notificationsEnabled,
} from "@/lib/schemas/pubsub";
import { eventTone } from "./event-kind";
import { NotifySetting } from "./notify-setting";

const KEPT = 5000;

/** Keyspace notifications of one database, live, for a key pattern. */
export function EventsView({ conn, db }: { conn: string; db: number }) {
  const { connection } = useConnection(conn);
  const canWrite = connection === undefined ? undefined : !connection.readOnly;
  const [typed, setTyped] = useState("");
  const [status, setStatus] = useState<EventsStatusJson | null>(null);
  // The value this page replaced, to offer putting it back (kept while the page lives).
  const [restore, setRestore] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const live = useLiveBuffer<KeyEventJson>(KEPT);
  const stream = useEventStream(pubsub.keyspaceEvents, (events) => {
    const got: KeyEventJson[] = [];
    for (const e of events as (KeyEventJson | { status: EventsStatusJson })[]) {
      if ("status" in e) setStatus(e.status);
      else got.push(e);
    }
    if (got.length === 0) return;
    setCounts((c) => {
      const next = { ...c };
      for (const e of got) next[e.event] = (next[e.event] ?? 0) + 1;
      return next;
    });
    live.push(got);
  });
  const open = stream.state.status === "open";
  const start = () => stream.start({ params: { conn, db }, query: { match: typed || undefined } });
  // Listening starts with the page: its first event says whether the server sends any.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per page, not per keystroke
  useEffect(() => start(), [conn, db]);
  const dropped = stream.state.status === "ended" ? stream.state.end.dropped : undefined;
  const keyHref = (key: KeyEventJson["key"]) =>
    `/c/${encodeURIComponent(conn)}/db/${db}?key64=${bytesToBase64Url(jsonToBytes(key))}`;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="events">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-4 p-4">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-lg font-semibold">Keyspace events</h1>
          <Badge tone="violet">db {db}</Badge>
          <StreamBadge state={stream.state} />
        </div>
        {status && (
          <NotifySetting
            conn={conn}
            status={status}
            canWrite={canWrite}
            restore={restore}
            onChanged={({ from, to }) => {
              setRestore((r) => r ?? from);
              if (to === restore) setRestore(null);
              setStatus({ notifyKeyspaceEvents: to, enabled: notificationsEnabled(to) });
            }}
          />
        )}
        <StreamProblem state={stream.state} />
        <Card
          title="Events"
          testId="event-card"
          actions={
            <>
              <LossNote dropped={dropped} skipped={live.skipped} />
              <Button size="sm" onClick={() => live.setPaused(!live.paused)} disabled={!open}>
                {live.paused ? "Resume" : "Pause"}
              </Button>
              <Button
                size="sm"
                disabled={live.items.length === 0 && live.skipped === 0}
                onClick={() => {
                  live.clear();
                  setCounts({});
                }}
              >
                Clear
              </Button>
            </>
          }
        >
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              start();
            }}
          >
            <Input
              aria-label="Key pattern"
              placeholder="Key pattern (glob), e.g. session:* — empty for every key"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className="min-w-64 flex-1 font-mono"
            />
            <Button type="submit" variant={open ? "secondary" : "primary"}>
              {open ? "Restart" : "Start"}
            </Button>
            {open && (
              <Button variant="danger" onClick={stream.stop}>
                Stop
              </Button>
            )}
          </form>
          {Object.keys(counts).length > 0 && (
            <ul className="flex flex-wrap gap-1.5" aria-label="Events by type" data-testid="counts">
              {Object.entries(counts)
                .sort((a, b) => b[1] - a[1])
                .map(([event, n]) => (
                  <li key={event} className="inline-flex items-center gap-1 text-xs">
                    <Badge tone={eventTone(event)}>{event}</Badge>
                    <span className="font-mono">{n.toLocaleString()}</span>
                  </li>
                ))}
            </ul>
          )}
          <LiveList
            items={live.items}
            label="Keyspace events"
            testId="event-list"
            columns={["Time", "Event", "Key"]}
            template="6.5rem 7rem minmax(0,1fr)"
            empty={
              open
                ? "Listening… no event yet. Set, delete or expire a matching key."
                : "Start to see sets, deletes and expiries as they happen."
            }
            cells={(e) => [
              <span key="t" className="font-mono text-zinc-500 dark:text-zinc-400">
                {clockTime(e.time)}
              </span>,
              <Badge key="e" tone={eventTone(e.event)}>
                {e.event}
              </Badge>,
              <Link
                key="k"
                href={keyHref(e.key)}
                className="text-indigo-700 hover:underline dark:text-indigo-300"
              >
                <BytesText value={e.key} />
              </Link>,
            ]}
          />
        </Card>
      </div>
    </div>
  );
}
