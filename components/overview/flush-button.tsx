"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useFlush } from "@/hooks/use-flush";
import { formatCount } from "@/lib/format";

/**
 * FLUSHDB for one database or FLUSHALL (`db` "all"): the person types the db index or the
 * connection id before the button unlocks, and the server checks the same text again.
 */
export function FlushButton({
  conn,
  db,
  keys,
}: {
  conn: string;
  db: number | "all";
  /** How many keys will go, to say so in the dialog. */
  keys: number;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const toast = useToast();
  const all = db === "all";
  const expected = all ? conn : String(db);
  const what = all ? `every database of "${conn}"` : `database ${db}`;
  const flush = useFlush(conn, db, () => {
    setOpen(false);
    toast.show("success", `Flushed ${what}`);
  });
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        className="text-red-700 dark:text-red-400"
        onClick={() => {
          setTyped("");
          flush.reset();
          setOpen(true);
        }}
        aria-label={all ? "Flush all databases" : `Flush database ${db}`}
      >
        {all ? "Flush all…" : "Flush…"}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={all ? "Flush all databases?" : `Flush database ${db}?`}
      >
        <div className="flex flex-col gap-3 text-sm">
          <p>
            This deletes all {formatCount(keys)} keys in {what} ({all ? "FLUSHALL" : "FLUSHDB"},
            freed in the background where Redis supports ASYNC). It cannot be undone.
          </p>
          <label className="flex flex-col gap-1">
            <span>
              Type{" "}
              <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">
                {expected}
              </code>{" "}
              to confirm:
            </span>
            <Input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-label={
                all ? "Type the connection id to confirm" : "Type the database index to confirm"
              }
              className="font-mono"
              autoComplete="off"
              autoFocus
            />
          </label>
          {flush.isError && <Notice tone="error">{flush.error.message}</Notice>}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button
              variant="danger"
              disabled={typed !== expected || flush.isPending}
              onClick={() => flush.mutate(typed)}
            >
              {all ? "Flush all" : `Flush db ${db}`}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
