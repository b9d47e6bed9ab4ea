"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { Progress } from "@/components/ui/progress";
import { useCancelJob } from "@/hooks/use-bulk-job";
import { useConnection } from "@/hooks/use-connections";
import { type Upload, useImportJob, useImportUpload } from "@/hooks/use-import";
import { formatBytes } from "@/lib/format";
import type { OnConflict } from "@/lib/schemas/import";
import { ImportProgress } from "./import-progress";

/**
 * "Import…": a file exported by Keyscope (JSON lines) or a DUMP CSV (Another Redis Desktop
 * Manager, Tiny RDM) into this database. Disabled, saying why, on a read-only connection.
 * The job is followed here, not in the dialog: closing it does not stop the import.
 */
export function ImportButton({ conn, db }: { conn: string; db: number }) {
  const [open, setOpen] = useState(false);
  const uploader = useImportUpload(conn, db);
  const jobId = uploader.upload.state === "started" ? uploader.upload.jobId : null;
  const job = useImportJob(jobId).data;
  const { connection } = useConnection(conn);
  if (!connection) return null;
  const readOnly = connection.readOnly;
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setOpen(true)}
        aria-label={`Import keys into database ${db}`}
        title={
          readOnly
            ? "Read-only connection: an import writes keys, so it is refused"
            : "Import keys from an export file (JSON lines) or a DUMP CSV"
        }
      >
        Import…
      </Button>
      {open && (
        <ImportDialog
          db={db}
          readOnly={readOnly}
          uploader={uploader}
          job={job}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function ImportDialog({
  db,
  readOnly,
  uploader,
  job,
  onClose,
}: {
  db: number;
  readOnly: boolean;
  uploader: ReturnType<typeof useImportUpload>;
  job: ReturnType<typeof useImportJob>["data"];
  onClose: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [onConflict, setOnConflict] = useState<OnConflict>("skip");
  const cancel = useCancelJob();
  const { upload } = uploader;
  const busy =
    upload.state === "uploading" ||
    upload.state === "checking" ||
    (upload.state === "started" && job?.state !== undefined && job.state === "running");
  return (
    <Dialog open onClose={onClose} title={`Import keys into database ${db}`}>
      <div className="flex flex-col gap-3 text-sm">
        <label className="flex flex-col gap-1">
          File (.jsonl from Export, or a DUMP .csv)
          <input
            type="file"
            accept=".jsonl,.csv,.json,application/octet-stream,text/csv"
            aria-label="Import file"
            disabled={busy}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              uploader.reset();
            }}
            className="text-xs file:mr-2 file:rounded file:border file:border-zinc-300 file:bg-zinc-50 file:px-2 file:py-1 dark:file:border-zinc-700 dark:file:bg-zinc-800 dark:file:text-zinc-100"
          />
        </label>
        <div role="radiogroup" aria-label="Keys that exist" className="flex flex-wrap gap-4">
          <span className="text-zinc-500 dark:text-zinc-400">Keys that exist:</span>
          {(
            [
              ["skip", "Skip (keep them)"],
              ["replace", "Replace"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="import-conflict"
                checked={onConflict === value}
                disabled={busy}
                onChange={() => setOnConflict(value)}
              />
              {label}
            </label>
          ))}
        </div>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          The whole file is checked first (every line, its checksum): a corrupt or truncated file is
          refused and nothing is written. TTLs are applied from the import's time. A DUMP CSV loads
          only into the Redis version that made it.
        </p>
        {readOnly && (
          <Notice tone="warn" title="Read-only">
            This connection is read-only (or Keyscope runs with KEYSCOPE_READ_ONLY): an import
            writes keys, so it is refused. Export works.
          </Notice>
        )}
        <UploadState upload={upload} />
        {job && (
          <ImportProgress
            job={job}
            cancelling={cancel.isPending}
            onCancel={() => cancel.mutate(job.jobId)}
          />
        )}
        <div className="flex items-center justify-end gap-2">
          <Button onClick={onClose}>Close</Button>
          {upload.state === "uploading" && (
            <Button variant="secondary" onClick={uploader.abort}>
              Stop upload
            </Button>
          )}
          <Button
            variant="primary"
            disabled={!file || busy || readOnly}
            onClick={() => file && uploader.start(file, onConflict)}
          >
            {file ? `Import ${formatBytes(file.size)}` : "Import"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function UploadState({ upload }: { upload: Upload }) {
  if (upload.state === "uploading")
    return (
      <div className="flex flex-col gap-1" data-testid="import-upload">
        <Progress
          value={upload.total ? upload.sent / upload.total : null}
          label="Upload progress"
        />
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          Uploading {formatBytes(upload.sent)} / {formatBytes(upload.total)}
        </span>
      </div>
    );
  if (upload.state === "checking")
    return (
      <div className="flex flex-col gap-1" data-testid="import-upload">
        <Progress value={null} label="Checking the file" />
        <span className="text-xs text-zinc-500 dark:text-zinc-400">Checking the file…</span>
      </div>
    );
  if (upload.state === "error")
    return (
      <Notice tone="error" title="The file was not imported">
        {upload.error.message}
      </Notice>
    );
  return null;
}
