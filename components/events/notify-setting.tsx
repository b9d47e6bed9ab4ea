"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { useSetConfig } from "@/hooks/use-config-settings";
import type { EventsStatusJson } from "@/lib/schemas/pubsub";

/** What "Turn on" sets: every class of event, on both channels (docs/tools.md). */
export const TURN_ON_FLAGS = "KEA";

type Change = { from: string; to: string };

/**
 * The notify-keyspace-events notice: off → offer to turn it on (old → new, confirmed); after
 * that, offer to put the old value back. `restore` is the value the page changed, kept by the
 * caller for as long as the page lives.
 */
export function NotifySetting({
  conn,
  status,
  canWrite,
  restore,
  onChanged,
}: {
  conn: string;
  status: EventsStatusJson;
  canWrite: boolean | undefined;
  restore: string | null;
  onChanged: (change: Change) => void;
}) {
  const [asking, setAsking] = useState<Change | null>(null);
  const set = useSetConfig(conn);
  const current = status.notifyKeyspaceEvents;
  const apply = (change: Change) =>
    set.mutate(
      { name: "notify-keyspace-events", value: change.to, expect: change.from },
      {
        onSuccess: (r) => {
          setAsking(null);
          onChanged({ from: r.old, to: r.value });
        },
      },
    );
  const readOnlyNote = canWrite === false && (
    <span className="text-xs">Read-only connection: changing the setting is a write.</span>
  );
  let body: React.ReactNode = null;
  if (status.enabled === null)
    body = (
      <Notice tone="warn" title="Whether keyspace notifications are on is unknown">
        {status.message} Listening anyway: events show here if the server sends them.
      </Notice>
    );
  else if (!status.enabled && current !== null)
    body = (
      <Notice
        tone="warn"
        title={`Keyspace notifications are off (notify-keyspace-events = "${current}")`}
      >
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <span>Redis publishes no events until the setting names K or E and a class.</span>
          <Button
            size="sm"
            variant="primary"
            disabled={canWrite !== true}
            onClick={() => setAsking({ from: current, to: TURN_ON_FLAGS })}
          >
            Turn on ({TURN_ON_FLAGS})
          </Button>
          {readOnlyNote}
        </div>
      </Notice>
    );
  else if (restore !== null && current !== null && current !== restore)
    body = (
      <Notice
        tone="info"
        title={`Keyspace notifications are on (notify-keyspace-events = "${current}")`}
      >
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <span>This page turned them on; every write now costs Redis a publish.</span>
          <Button
            size="sm"
            disabled={canWrite !== true}
            onClick={() => setAsking({ from: current, to: restore })}
          >
            Turn back off (restore "{restore}")
          </Button>
        </div>
      </Notice>
    );
  return (
    <>
      {body}
      <Dialog
        open={asking !== null}
        onClose={() => setAsking(null)}
        title="Change notify-keyspace-events?"
      >
        {asking && (
          <div className="flex flex-col gap-3 text-sm">
            <p>
              CONFIG SET on the server, for every client of it:{" "}
              <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">
                "{asking.from}"
              </code>{" "}
              →{" "}
              <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">
                "{asking.to}"
              </code>
            </p>
            {asking.to !== "" && (
              <p className="text-zinc-600 dark:text-zinc-400">
                Each key change then publishes to Pub/Sub: a little CPU per write, more with many
                subscribers.
              </p>
            )}
            {set.isError && (
              <p role="alert" className="text-red-600 dark:text-red-400">
                {set.error.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setAsking(null)}>Cancel</Button>
              <Button variant="primary" disabled={set.isPending} onClick={() => apply(asking)}>
                Set "{asking.to}"
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}
