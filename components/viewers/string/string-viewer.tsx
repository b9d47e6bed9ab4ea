"use client";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { useKeyDecode } from "@/hooks/use-decode-choice";
import { STRING_WINDOW, useStringValue } from "@/hooks/use-key";
import { urlOf } from "@/lib/api-client";
import {
  bytesToBase64,
  concatBytes,
  displayBytes,
  hexDump,
  jsonToBytes,
  keyQuery,
  utf8OrNull,
} from "@/lib/bytes";
import { values } from "@/lib/endpoints";
import { formatBytes } from "@/lib/format";
import { prettyJson } from "@/lib/json-pretty";
import { isPlainJson } from "../decoded/decoded-summary";
import { DecodedView } from "../decoded/decoded-view";
import { Segmented } from "../shared/segmented";
import { ValueFailed, ValueLoading } from "../shared/value-status";
import type { ViewerProps } from "../shared/viewer-props";
import { HllCount } from "./hll-count";
import { StringEditor } from "./string-editor";

type Mode = "decoded" | "text" | "json" | "hex" | "base64";
const MODES: Mode[] = ["decoded", "text", "json", "hex", "base64"];
// The server decodes a string up to 8 MiB (DECODE_INPUT_MAX in lib/decode/page.ts).
const DECODE_MAX = 8 * 1024 * 1024;

// Hex or base64 of a multi-megabyte value would be a huge DOM; show the first MiB and say so.
const DUMP_LIMIT = 1024 * 1024;

/**
 * A string value decoded (pickle, msgpack, zlib → …: components/viewers/decoded), as text,
 * pretty JSON, hex or base64, read in 64 KiB windows; a HyperLogLog shows its cached estimated
 * count. Editable as text, JSON, hex or base64 once fully loaded (never through the decoding).
 */
export function StringViewer({ conn, db, keyName, length: known, writable }: ViewerProps) {
  const length = known ?? 0;
  const target = { conn, db, key: keyName };
  const decode = useKeyDecode(conn, db, keyName);
  const value = useStringValue(conn, db, keyName, true, decode.param);
  const [mode, setMode] = useState<Mode | null>(null);
  const [editing, setEditing] = useState(false);
  const bytes = useMemo(
    () => concatBytes((value.data?.pages ?? []).map((p) => jsonToBytes(p.value))),
    [value.data],
  );
  const complete = value.data !== undefined && !value.hasNextPage;
  const text = useMemo(() => utf8OrNull(bytes), [bytes]);
  const pretty = useMemo(
    () => (complete && text !== null ? prettyJson(text) : null),
    [complete, text],
  );
  const hll = value.data?.pages[0]?.hyperloglog;
  const decoded = value.data?.pages[0]?.decoded ?? null;
  // Decoded first when it is something (plain JSON reads as well in the JSON mode) or forced.
  const natural: Mode = hll
    ? "hex"
    : decode.choice !== "auto" || (decoded !== null && !isPlainJson(decoded))
      ? "decoded"
      : pretty !== null
        ? "json"
        : text !== null || bytes.length === 0
          ? "text"
          : "hex";
  // The user's choice sticks across reloads and edits, unless the value no longer fits it.
  const shown: Mode = mode === null || (mode === "json" && pretty === null) ? natural : mode;

  if (value.isPending) return <ValueLoading />;
  if (value.isError) return <ValueFailed error={value.error} target={target} />;

  if (editing) {
    return (
      <StringEditor
        target={target}
        current={complete ? bytes : null}
        onDone={() => setEditing(false)}
      />
    );
  }

  let body = "";
  if (shown === "hex") body = hexDump(bytes.subarray(0, DUMP_LIMIT));
  else if (shown === "base64") body = bytesToBase64(bytes.subarray(0, DUMP_LIMIT));
  else if (shown === "json") body = pretty ?? "";
  else if (shown === "text") body = text ?? displayBytes(bytes);
  // A HyperLogLog's bytes are Redis's sketch: editing them by hand would only corrupt it.
  const canEdit = writable && complete && !hll;

  return (
    <div className="flex flex-col gap-2" data-testid="string-viewer">
      {hll && <HllCount target={target} count={hll.count} writable={writable} />}
      <div className="flex flex-wrap items-center gap-2">
        <Segmented
          label="Show value as"
          value={shown}
          options={MODES}
          disabled={(m) => (m === "json" && pretty === null) || (m === "decoded" && !!hll)}
          onChange={setMode}
        />
        <span className="text-xs text-zinc-500">
          {formatBytes(bytes.length)} of {formatBytes(length)} loaded
          {text === null && bytes.length > 0 && " · not UTF-8: bytes shown as \\xNN"}
        </span>
        <span className="ml-auto flex gap-2">
          <a
            href={urlOf(values.download, { params: { conn, db }, query: keyQuery(keyName) })}
            download
            className="inline-flex h-7 items-center rounded-md border border-zinc-300 bg-white px-2 text-xs font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
          >
            Download
          </a>
          {canEdit && (
            <Button size="sm" onClick={() => setEditing(true)}>
              Edit
            </Button>
          )}
        </span>
      </div>
      {shown === "decoded" ? (
        <>
          <DecodedView decoded={decoded} state={decode} tall />
          {decoded === null && length > DECODE_MAX && (
            <p className="text-xs text-zinc-500">
              Values over {formatBytes(DECODE_MAX)} are not decoded; the other modes show it.
            </p>
          )}
        </>
      ) : (
        <pre
          data-testid="value-text"
          className="max-h-[60vh] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[13px] break-all whitespace-pre-wrap dark:border-zinc-800 dark:bg-zinc-900"
        >
          {body || <span className="text-zinc-400 italic">(empty string)</span>}
        </pre>
      )}
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
          {writable && <span>Load it all to edit it.</span>}
        </div>
      )}
      {(shown === "hex" || shown === "base64") && bytes.length > DUMP_LIMIT && (
        <p className="text-xs text-zinc-500">
          This view shows the first 1 MiB; Download has it all.
        </p>
      )}
    </div>
  );
}
