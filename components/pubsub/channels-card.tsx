"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { BytesText } from "@/components/viewers/shared/bytes-text";
import { usePubsubChannels } from "@/hooks/use-pubsub";
import type { JsonBytes } from "@/lib/bytes";

/**
 * Active channels (PUBSUB CHANNELS and SHARDCHANNELS) with their subscriber counts; one click
 * subscribes (a sharded channel with SSUBSCRIBE).
 */
export function ChannelsCard({
  conn,
  onSubscribe,
}: {
  conn: string;
  onSubscribe: (channel: JsonBytes, sharded: boolean) => void;
}) {
  const [match, setMatch] = useState("");
  const [typed, setTyped] = useState("");
  const q = usePubsubChannels(conn, match);
  return (
    <Card
      title="Active channels"
      testId="channels"
      actions={
        <>
          {q.isFetching && <Spinner className="size-3 text-zinc-400" />}
          <Button size="sm" onClick={() => q.refetch()}>
            Refresh
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setMatch(typed);
        }}
      >
        <Input
          aria-label="Filter channels"
          placeholder="Filter (glob), e.g. orders:*"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          className="w-full font-mono"
        />
      </form>
      {q.isError && (
        <Notice tone="error" title="Could not list channels">
          {q.error.message}
        </Notice>
      )}
      {q.data && (
        <>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {q.data.channels.length} {q.data.channels.length === 1 ? "channel" : "channels"}
            {q.data.truncated && " (the first 1000)"} · {q.data.patterns} pattern{" "}
            {q.data.patterns === 1 ? "subscription" : "subscriptions"} on the server
          </p>
          {q.data.channels.length === 0 ? (
            <p className="py-3 text-center text-sm text-zinc-500 dark:text-zinc-400">
              No channel has a subscriber{match ? " matching this filter" : ""}.
            </p>
          ) : (
            <table className="w-full table-fixed text-xs">
              <thead className="text-left text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th className="py-1 font-medium">Channel</th>
                  <th className="w-20 py-1 text-right font-medium">Subscribers</th>
                  <th className="w-16" />
                </tr>
              </thead>
              <tbody>
                {q.data.channels.map((c) => (
                  <tr
                    key={`${c.sharded ? "s" : "c"}:${JSON.stringify(c.channel)}`}
                    className="border-t border-zinc-100 dark:border-zinc-800"
                  >
                    <td className="py-1 pr-2">
                      <span className="flex min-w-0 items-center gap-1">
                        <BytesText value={c.channel} className="truncate" />
                        {c.sharded && <Badge tone="teal">sharded</Badge>}
                      </span>
                    </td>
                    <td className="py-1 text-right font-mono">{c.subscribers}</td>
                    <td className="w-16 py-1 text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => onSubscribe(c.channel, c.sharded === true)}
                      >
                        Listen
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Card>
  );
}
