"use client";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { STRING_WINDOW, useStringValue } from "@/hooks/use-key";
import { useWriteString } from "@/hooks/use-key-mutations";
import { displayBytes, hexDump, type JsonBytes, jsonToBytes, utf8OrNull } from "@/lib/bytes";
import { formatBytes } from "@/lib/format";
import { prettyJson } from "@/lib/json-pretty";

type Mode = "text" | "json" | "hex";

type Props = { conn: string; db: number; keyName: JsonBytes; length: number; writable: boolean };

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// Hex of a multi-megabyte value would be a huge DOM; show the first MiB and say so.
const HEX_DISPLAY_LIMIT = 1024 * 1024;

/** A string value as text, pretty JSON or hex, read in 64 KiB windows; edit as text. */
export function StringViewer({ conn, db, keyName, length, writable }: Props) {
  const value = useStringValue(conn, db, keyName, true);
  const [mode, setMode] = useState<Mode | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const write = useWriteString({ conn, db, key: keyName });
  const toast = useToast();
  const bytes = useMemo(
    () => concat((value.data?.pages ?? []).map((p) => jsonToBytes(p.value))),
    [value.data],
  );
  const complete = value.data !== undefined && !value.hasNextPage;
  const text = useMemo(() => utf8OrNull(bytes), [bytes]);
  const pretty = useMemo(
    () => (complete && text !== null ? prettyJson(text) : null),
    [complete, text],
  );
  const shown: Mode =
    mode ?? (pretty !== null ? "json" : text !== null || bytes.length === 0 ? "text" : "hex");

  if (value.isPending) {
    return (
      <div className="flex items-center gap-2 text-sm text-zinc-500">
        <Spinner /> Loading value…
      </div>
    );
  }
  if (value.isError)
    return (
      <Notice tone="error" title="Could not read the value">
        {value.error.message}
      </Notice>
    );

  if (editing !== null) {
    return (
      <div className="flex flex-col gap-2">
        <textarea
          value={editing}
          onChange={(e) => setEditing(e.target.value)}
          aria-label="Edit value"
          spellCheck={false}
          className="min-h-64 w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-[13px] dark:border-zinc-700 dark:bg-zinc-900"
        />
        <div className="flex justify-end gap-2">
          <Button onClick={() => setEditing(null)}>Cancel</Button>
          <Button
            variant="primary"
            disabled={write.isPending}
            onClick={() =>
              write.mutate(editing, {
                onSuccess: () => {
                  setEditing(null);
                  toast.show("success", "Value saved; the TTL was kept.");
                  value.refetch();
                },
              })
            }
          >
            Save
          </Button>
        </div>
      </div>
    );
  }

  let body: string;
  if (shown === "hex") {
    body = hexDump(bytes.subarray(0, HEX_DISPLAY_LIMIT));
  } else if (shown === "json") {
    body = pretty ?? "";
  } else {
    body = text ?? displayBytes(bytes);
  }
  const canEdit = writable && complete && text !== null;

  return (
    <div className="flex flex-col gap-2" data-testid="string-viewer">
      <div className="flex items-center gap-2">
        <div
          className="inline-flex rounded-md border border-zinc-300 p-0.5 text-xs dark:border-zinc-700"
          role="group"
          aria-label="Show value as"
        >
          {(["text", "json", "hex"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={shown === m}
              disabled={m === "json" && pretty === null}
              onClick={() => setMode(m)}
              className={cn(
                "rounded px-2 py-0.5 uppercase disabled:opacity-40",
                shown === m
                  ? "bg-zinc-200 dark:bg-zinc-700"
                  : "hover:text-zinc-900 dark:hover:text-zinc-100",
              )}
            >
              {m}
            </button>
          ))}
        </div>
        <span className="text-xs text-zinc-500">
          {formatBytes(bytes.length)} of {formatBytes(length)} loaded
          {text === null && bytes.length > 0 && " · not UTF-8: bytes shown as \\xNN"}
        </span>
        {canEdit && (
          <Button size="sm" className="ml-auto" onClick={() => setEditing(text)}>
            Edit
          </Button>
        )}
      </div>
      <pre
        data-testid="value-text"
        className="max-h-[60vh] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[13px] break-all whitespace-pre-wrap dark:border-zinc-800 dark:bg-zinc-900"
      >
        {body || <span className="text-zinc-400 italic">(empty string)</span>}
      </pre>
      {value.hasNextPage && (
        <div className="flex items-center gap-2 text-xs text-zinc-500">
          <span>Showing the first {formatBytes(bytes.length)}.</span>
          <Button
            size="sm"
            onClick={() => value.fetchNextPage()}
            disabled={value.isFetchingNextPage}
          >
            Load {formatBytes(Math.min(STRING_WINDOW, length - bytes.length))} more
          </Button>
        </div>
      )}
      {shown === "hex" && bytes.length > HEX_DISPLAY_LIMIT && (
        <p className="text-xs text-zinc-500">Hex shows the first 1 MiB.</p>
      )}
    </div>
  );
}
