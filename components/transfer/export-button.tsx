"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useExportJob } from "@/hooks/use-export";
import { ExportDialog } from "./export-dialog";

/**
 * "Export…": the keys matching the key browser's filter (glob and type) as a file, JSON lines
 * or DUMP CSV. Shown on read-only connections too: an export only reads.
 */
export function ExportButton({
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
  // Followed here, not in the dialog: closing the dialog does not stop the export.
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useExportJob(jobId).data;
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setOpen(true)}
        aria-label={`Export keys of database ${db}`}
        title="Export every key that matches the filter to a file"
      >
        Export…
      </Button>
      {open && (
        <ExportDialog
          conn={conn}
          db={db}
          initialMatch={match || "*"}
          initialType={type}
          job={job}
          onStarted={setJobId}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
