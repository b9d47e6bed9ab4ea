"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useJob } from "@/hooks/use-bulk-job";
import { useConnection } from "@/hooks/use-connections";
import { BulkDialog, type StartedJob } from "./bulk-dialog";

/**
 * "Bulk…": delete, expire or persist every key matching a glob (and type), with a dry run first
 * and live progress. Starts from the given filter; hidden on read-only connections.
 */
export function BulkActionsButton({
  conn,
  db,
  match,
  type,
}: {
  conn: string;
  db: number;
  /** The key browser's current glob ("" for all keys). */
  match: string;
  /** The key browser's type filter ("" for any type). */
  type: string;
}) {
  const [open, setOpen] = useState(false);
  // The last job is followed here, not in the dialog: closing the dialog does not stop a job,
  // and the key lists must still be refetched when it ends (useJob does that).
  const [started, setStarted] = useState<StartedJob | null>(null);
  const job = useJob(started?.jobId ?? null).data;
  const { connection } = useConnection(conn);
  if (!connection || connection.readOnly) return null;
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setOpen(true)}
        aria-label={`Bulk actions on database ${db}`}
        title="Delete, expire or persist every key that matches a pattern"
      >
        Bulk…
      </Button>
      {open && (
        <BulkDialog
          conn={conn}
          db={db}
          initialMatch={match || "*"}
          initialType={type}
          production={connection.production}
          connectionId={connection.id}
          started={started}
          job={started && job?.jobId === started.jobId ? job : undefined}
          onStarted={setStarted}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
