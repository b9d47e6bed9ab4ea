"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { type BulkRequest, useCancelJob, useJob, useStartBulk } from "@/hooks/use-bulk-job";
import { TYPE_NAMES } from "@/lib/redis-types";
import type { BulkAction } from "@/lib/schemas/bulk";
import { BulkProgress } from "./bulk-progress";

const ACTIONS: { value: BulkAction; label: string; run: string }[] = [
  { value: "delete", label: "Delete", run: "Delete matching keys" },
  { value: "expire", label: "Set TTL", run: "Set TTL on matching keys" },
  { value: "persist", label: "Remove TTL", run: "Remove TTL from matching keys" },
];

type Props = {
  conn: string;
  db: number;
  initialMatch: string;
  initialType: string;
  production: boolean;
  connectionName: string;
  onClose: () => void;
};

/** The bulk form: action, glob, type, TTL; a dry run to count first, then the run with progress. */
export function BulkDialog({
  conn,
  db,
  initialMatch,
  initialType,
  production,
  connectionName,
  onClose,
}: Props) {
  const [action, setAction] = useState<BulkAction>("delete");
  const [match, setMatch] = useState(initialMatch);
  const [type, setType] = useState(initialType);
  const [ttl, setTtl] = useState("3600");
  const [typedName, setTypedName] = useState("");
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartBulk(conn, db);
  const cancel = useCancelJob();
  const job = useJob(jobId).data;
  const running = job?.state === "running" || start.isPending;
  const ttlValue = Number(ttl);
  const ttlOk = action !== "expire" || (Number.isInteger(ttlValue) && ttlValue >= 1);
  // On production, changing keys needs the connection's name typed (removing TTLs loses nothing).
  const needsName = production && action !== "persist";
  const nameOk = !needsName || typedName === connectionName;
  const valid = match !== "" && ttlOk;

  const run = (dryRun: boolean) => {
    const req: BulkRequest = { action, match, dryRun, ...(type && { type }) };
    if (action === "expire") req.ttl = ttlValue;
    start.mutate(req, { onSuccess: ({ jobId }) => setJobId(jobId) });
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
        <div className="flex gap-2">
          <label className="flex min-w-0 flex-1 flex-col gap-1">
            Keys matching (glob)
            <Input
              value={match}
              onChange={(e) => setMatch(e.target.value)}
              aria-label="Pattern"
              className="font-mono"
              spellCheck={false}
            />
          </label>
          <label className="flex flex-col gap-1">
            Type
            <Select
              value={type}
              onChange={(e) => setType(e.target.value)}
              aria-label="Type"
              className="w-32"
            >
              <option value="">any</option>
              {TYPE_NAMES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </Select>
          </label>
          {action === "expire" && (
            <label className="flex w-28 flex-col gap-1">
              TTL (s)
              <Input
                value={ttl}
                onChange={(e) => setTtl(e.target.value)}
                aria-label="TTL in seconds"
                inputMode="numeric"
                className="font-mono"
              />
            </label>
          )}
        </div>
        {!ttlOk && (
          <p className="text-xs text-red-600 dark:text-red-400">
            The TTL must be a whole number of seconds, at least 1.
          </p>
        )}
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Walks the database with SCAN (about 250 keys per step, a few milliseconds of Redis time at
          most per step) on a connection of its own. A dry run only counts and shows the first
          matches. Closing this dialog does not stop a job; Cancel does.
        </p>
        {needsName && (
          <label className="flex flex-col gap-1">
            This is a production connection. Type its name,{" "}
            <code className="font-mono">{connectionName}</code>, to confirm:
            <Input
              value={typedName}
              onChange={(e) => setTypedName(e.target.value)}
              aria-label="Type the connection name to confirm"
              className="font-mono"
              autoComplete="off"
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
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Close</Button>
          <Button disabled={!valid || running} onClick={() => run(true)}>
            Dry run
          </Button>
          <Button
            variant={action === "delete" ? "danger" : "primary"}
            disabled={!valid || !nameOk || running}
            onClick={() => run(false)}
          >
            {ACTIONS.find((a) => a.value === action)?.run}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
