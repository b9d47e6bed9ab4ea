"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { type BulkRequest, useCancelJob, useStartBulk } from "@/hooks/use-bulk-job";
import { formatCount } from "@/lib/format";
import type { BulkAction, JobViewJson } from "@/lib/schemas/bulk";
import { parseDuration } from "@/lib/ttl-input";
import { BulkProgress } from "./bulk-progress";
import { MatchTypeFields } from "./match-type-fields";

const ACTIONS: { value: BulkAction; label: string; verb: string }[] = [
  { value: "delete", label: "Delete", verb: "Delete" },
  { value: "expire", label: "Set TTL", verb: "Set TTL on" },
  { value: "persist", label: "Remove TTL", verb: "Remove TTL from" },
];

/** A job this dialog started, and the form it was started from (to match a dry run to a run). */
export type StartedJob = { jobId: string; spec: string };

type Props = {
  conn: string;
  db: number;
  initialMatch: string;
  initialType: string;
  production: boolean;
  connectionId: string;
  /** The last job started (kept by the button, so it outlives the dialog). */
  started: StartedJob | null;
  job: JobViewJson | undefined;
  onStarted: (job: StartedJob) => void;
  onClose: () => void;
};

const keysWord = (n: number) => `${formatCount(n)} ${n === 1 ? "key" : "keys"}`;

/**
 * The bulk form: action, glob, type, TTL. Only a dry run can be started at first; once one has
 * counted the keys of exactly this form, the run's button appears and names that count
 * ("Delete 1,111 keys"). On a production connection the run also needs the connection's id typed.
 */
export function BulkDialog({
  conn,
  db,
  initialMatch,
  initialType,
  production,
  connectionId,
  started,
  job,
  onStarted,
  onClose,
}: Props) {
  const [action, setAction] = useState<BulkAction>("delete");
  const [match, setMatch] = useState(initialMatch);
  const [type, setType] = useState(initialType);
  const [ttl, setTtl] = useState("1h");
  const [typedId, setTypedId] = useState("");
  const start = useStartBulk(conn, db);
  const cancel = useCancelJob();
  const running = job?.state === "running" || start.isPending;
  const ttlSeconds = action === "expire" ? parseDuration(ttl) : null;
  const ttlError = typeof ttlSeconds === "string" ? ttlSeconds : null;
  const valid = match !== "" && ttlError === null;
  const spec = JSON.stringify([action, match, type, ttlSeconds]);
  // The run is offered only right after a finished dry run of this very form.
  const counted =
    job?.dryRun && job.state === "done" && started?.spec === spec ? job.matched : null;
  // On production, changing keys needs the connection's id typed (removing TTLs loses nothing).
  const needsId = production && action !== "persist";
  const idOk = !needsId || typedId === connectionId;
  const verb = ACTIONS.find((a) => a.value === action)?.verb ?? action;

  const run = (dryRun: boolean) => {
    const req: BulkRequest = { action, match, dryRun, ...(type && { type }) };
    if (typeof ttlSeconds === "number") req.ttl = ttlSeconds;
    start.mutate(req, { onSuccess: ({ jobId }) => onStarted({ jobId, spec }) });
  };

  return (
    <Dialog open onClose={onClose} title={`Bulk action on database ${db}`}>
      <div className="flex flex-col gap-3 text-sm">
        <div role="radiogroup" aria-label="Action" className="flex gap-4">
          {ACTIONS.map((a) => (
            <label key={a.value} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="bulk-action"
                checked={action === a.value}
                onChange={() => setAction(a.value)}
              />
              {a.label}
            </label>
          ))}
        </div>
        <MatchTypeFields
          conn={conn}
          db={db}
          match={match}
          onMatch={setMatch}
          type={type}
          onType={setType}
        >
          {action === "expire" && (
            <label className="flex w-32 flex-col gap-1">
              TTL
              <Input
                value={ttl}
                onChange={(e) => setTtl(e.target.value)}
                aria-label="TTL duration"
                title="Seconds, or a duration with units: s, m, h, d, w (e.g. 1h30m)"
                className="font-mono"
              />
            </label>
          )}
        </MatchTypeFields>
        {ttlError && <p className="text-xs text-red-600 dark:text-red-400">{ttlError}</p>}
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Walks the database with SCAN (about 250 keys per step, a few milliseconds of Redis time at
          most per step) on a connection of its own. Start with a dry run: it only counts and shows
          the first matches; the run is offered once it has. Closing this dialog does not stop a
          job; Cancel does.
        </p>
        {counted !== null && counted > 0 && needsId && (
          <label className="flex flex-col gap-1">
            <span>
              This is a production connection. Type its id,{" "}
              <code className="font-mono">{connectionId}</code>, to confirm:
            </span>
            <Input
              value={typedId}
              onChange={(e) => setTypedId(e.target.value)}
              aria-label="Type the connection id to confirm"
              className="font-mono"
              autoComplete="off"
              spellCheck={false}
            />
          </label>
        )}
        {start.isError && <Notice tone="error">{start.error.message}</Notice>}
        {job && (
          <BulkProgress
            job={job}
            cancelling={cancel.isPending}
            onCancel={() => cancel.mutate(job.jobId)}
          />
        )}
        <div className="flex items-center justify-end gap-2">
          {counted === 0 && (
            <span className="mr-auto text-xs text-zinc-500">No key matches: nothing to do.</span>
          )}
          <Button onClick={onClose}>Close</Button>
          <Button
            variant={counted === null ? "primary" : "secondary"}
            disabled={!valid || running}
            onClick={() => run(true)}
          >
            {counted === null ? "Dry run" : "Dry run again"}
          </Button>
          {counted !== null && counted > 0 && (
            <Button
              variant={action === "delete" ? "danger" : "primary"}
              disabled={!valid || !idOk || running}
              onClick={() => run(false)}
            >
              {verb} {keysWord(counted)}
            </Button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
