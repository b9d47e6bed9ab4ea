"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { isParseError } from "@/components/viewers/shared/bytes-codec";
import {
  BytesField,
  type Draft,
  EMPTY_DRAFT,
  readDraft,
} from "@/components/viewers/shared/bytes-field";
import { usePublish } from "@/hooks/use-pubsub";

/** PUBLISH (or SPUBLISH) one message (a write: off in read-only mode, with the reason). */
export function PublishForm({ conn, canWrite }: { conn: string; canWrite: boolean | undefined }) {
  const [channel, setChannel] = useState<Draft>(EMPTY_DRAFT);
  const [message, setMessage] = useState<Draft>(EMPTY_DRAFT);
  const [sharded, setSharded] = useState(false);
  const publish = usePublish(conn);
  const ch = readDraft(channel);
  const msg = readDraft(message);
  const ready = !isParseError(ch) && ch !== "" && !isParseError(msg);
  return (
    <Card title="Publish" testId="publish">
      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready || isParseError(ch) || isParseError(msg)) return;
          publish.mutate({ channel: ch, message: msg, ...(sharded && { sharded }) });
        }}
      >
        <BytesField label="Channel" draft={channel} onChange={setChannel} placeholder="orders" />
        <BytesField label="Message" draft={message} onChange={setMessage} multiline />
        <label className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <input type="checkbox" checked={sharded} onChange={(e) => setSharded(e.target.checked)} />
          Sharded channel (SPUBLISH, Redis 7+)
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="submit"
            variant="primary"
            disabled={!canWrite || !ready || publish.isPending}
            title={canWrite === false ? "This connection is read-only" : undefined}
          >
            Publish
          </Button>
          {canWrite === false && (
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              Read-only connection: publishing is a write.
            </span>
          )}
          {publish.isSuccess && (
            <span
              className="text-xs text-zinc-600 dark:text-zinc-300"
              data-testid="receivers"
              title={
                publish.data.node &&
                "On a cluster Redis counts only the clients connected to the node that answered."
              }
            >
              Received by {publish.data.receivers}{" "}
              {publish.data.receivers === 1 ? "client" : "clients"}
              {publish.data.node && ` on ${publish.data.node}`}
            </span>
          )}
          {publish.isError && (
            <span role="alert" className="text-xs text-red-600 dark:text-red-400">
              {publish.error.message}
            </span>
          )}
        </div>
      </form>
    </Card>
  );
}
