"use client";
import { useState } from "react";
import { JobFrame } from "@/components/bulk/job-frame";
import { MatchTypeFields } from "@/components/bulk/match-type-fields";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { useCancelJob } from "@/hooks/use-bulk-job";
import { type ExportRequest, useStartExport } from "@/hooks/use-export";
import { displayJsonBytes } from "@/lib/bytes";
import { formatBytes, formatCount } from "@/lib/format";
import type { ExportJobViewJson, TransferFormat } from "@/lib/schemas/transfer";

type ExportJob = ExportJobViewJson;

const FORMATS: { value: TransferFormat; label: string; hint: string }[] = [
  {
    value: "jsonl",
    label: "JSON lines",
    hint: "Portable: every type with its TTL, streams with their consumer groups; loads into any Redis or Valkey version. A checksum line ends the file.",
  },
  {
    value: "dump-csv",
    label: "DUMP CSV",
    hint: "hex key, hex DUMP payload, PTTL: what Another Redis Desktop Manager and Tiny RDM read. Only for a server of the same version (DUMP payloads carry the RDB version).",
  },
];

type Props = {
  conn: string;
  db: number;
  initialMatch: string;
  initialType: string;
  /** The last export started (followed by the button, so it outlives the dialog). */
  job: ExportJob | undefined;
  onStarted: (jobId: string) => void;
  onClose: () => void;
};

/** The export form (glob, type, format), the job's progress and Cancel, then the download link. */
export function ExportDialog({
  conn,
  db,
  initialMatch,
  initialType,
  job,
  onStarted,
  onClose,
}: Props) {
  const [match, setMatch] = useState(initialMatch);
  const [type, setType] = useState(initialType);
  const [format, setFormat] = useState<TransferFormat>("jsonl");
  const start = useStartExport(conn, db);
  const cancel = useCancelJob();
  const running = job?.state === "running" || start.isPending;

  const run = () => {
    const req: ExportRequest = { match, format, ...(type && { type }) };
    start.mutate(req, { onSuccess: ({ jobId }) => onStarted(jobId) });
  };

  return (
    <Dialog open onClose={onClose} title={`Export keys of database ${db}`}>
      <div className="flex flex-col gap-3 text-sm">
        <MatchTypeFields
          conn={conn}
          db={db}
          match={match}
          onMatch={setMatch}
          type={type}
          onType={setType}
        />
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1">Format</legend>
          {FORMATS.map((f) => (
            <label key={f.value} className="flex items-start gap-2">
              <input
                type="radio"
                name="export-format"
                className="mt-1"
                checked={format === f.value}
                onChange={() => setFormat(f.value)}
              />
              <span>
                {f.label}
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">{f.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Walks the database with SCAN on a connection of its own and writes the file on the server,
          streamed; big values are read in pieces. An export only reads. Closing this dialog does
          not stop it; Cancel does. The file is kept for 10 minutes after the export ends.
        </p>
        {start.isError && <Notice tone="error">{start.error.message}</Notice>}
        {job && !start.isError && (
          <ExportProgress
            job={job}
            cancelling={cancel.isPending}
            onCancel={() => cancel.mutate(job.jobId)}
          />
        )}
        <div className="flex items-center justify-end gap-2">
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" disabled={match === "" || running} onClick={run}>
            {job ? "Export again" : "Export"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function ExportProgress({
  job,
  onCancel,
  cancelling,
}: {
  job: ExportJob;
  onCancel: () => void;
  cancelling: boolean;
}) {
  return (
    <JobFrame
      testId="export-progress"
      job={job}
      title={
        <>
          {job.format} {displayJsonBytes(job.match)}
          {job.type && ` · ${job.type}`}
        </>
      }
      progressLabel="Export progress"
      onCancel={onCancel}
      cancelling={cancelling}
      speedNote={
        job.format === "jsonl" && !job.hashFieldTtl && " · this server has no hash-field TTLs"
      }
      counters={[
        { label: "scanned", value: `${formatCount(job.scanned)} / ${formatCount(job.dbsize)}` },
        {
          label: "exported",
          testId: "export-exported",
          value: `${formatCount(job.exported)}${job.skipped > 0 ? ` (${formatCount(job.skipped)} gone or not exportable)` : ""}`,
        },
        { label: "written", value: formatBytes(job.bytes) },
      ]}
    >
      {job.droppedPending > 0 && (
        <p className="text-xs text-amber-700 dark:text-amber-400">
          {formatCount(job.droppedPending)} pending stream entries were left out (at most 10,000 per
          consumer group are kept).
        </p>
      )}
      {job.error && (
        <Notice tone="error" title="The export failed">
          {job.error}
        </Notice>
      )}
      {job.download && (
        <a
          href={job.download}
          download
          data-testid="export-download"
          className="inline-flex h-8 items-center justify-center self-start rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Download ({formatBytes(job.bytes)})
        </a>
      )}
    </JobFrame>
  );
}
