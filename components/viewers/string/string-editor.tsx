"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useEditValue } from "@/hooks/use-key-mutations";
import {
  bytesToBase64,
  bytesToJson,
  displayBytes,
  type JsonBytes,
  utf8Bytes,
  utf8OrNull,
} from "@/lib/bytes";
import { prettyJson } from "@/lib/json-pretty";
import { jsonError, minifyJson, parseBase64, parseHex, toHex } from "../shared/bytes-codec";
import { TEXTAREA } from "../shared/bytes-field";
import { EditError, isConflict } from "../shared/edit-error";
import { FormRow } from "../shared/panel";
import { Segmented } from "../shared/segmented";

type Format = "text" | "json" | "hex" | "base64";
const FORMATS: Format[] = ["text", "json", "hex", "base64"];
type Target = { conn: string; db: number; key: JsonBytes };

/** The bytes written out in a format, or null when it cannot show them (text, not UTF-8). */
function contentOf(bytes: Uint8Array, format: Format): string | null {
  if (format === "hex") return toHex(bytes, true);
  if (format === "base64") return bytesToBase64(bytes);
  const text = utf8OrNull(bytes);
  if (text === null) return null;
  return format === "json" ? (prettyJson(text) ?? text) : text;
}

/** The bytes a content stands for, or why it does not parse. JSON is validated separately. */
function bytesOf(content: string, format: Format): { bytes: Uint8Array } | { error: string } {
  if (format === "hex" || format === "base64") {
    const parsed = format === "hex" ? parseHex(content) : parseBase64(content);
    return parsed.ok ? { bytes: parsed.bytes } : { error: parsed.error };
  }
  return { bytes: utf8Bytes(content) };
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function preview(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 2000);
  const text = utf8OrNull(head) ?? displayBytes(head);
  return bytes.length > head.length ? `${text}…` : text;
}

/**
 * Edits a whole string value as text, JSON (checked with JSON.parse before saving), hex or
 * base64 (refused unless they parse). Saves with SET through /key/edit with the value as loaded
 * as `expect`, so a change made meanwhile is reported instead of overwritten; the TTL is kept.
 */
export function StringEditor({
  target,
  current,
  onDone,
}: {
  target: Target;
  /** The value as last fetched, or null when it is no longer fully loaded. */
  current: Uint8Array | null;
  onDone: () => void;
}) {
  const edit = useEditValue(target);
  const toast = useToast();
  const [base] = useState(() => current ?? new Uint8Array());
  const [format, setFormat] = useState<Format>(() => {
    const text = utf8OrNull(base);
    if (text === null) return "hex";
    return prettyJson(text) !== null ? "json" : "text";
  });
  const [content, setContent] = useState(() => contentOf(base, format) ?? "");
  // A compact document stays compact: pretty-printing is for the editor, not for Redis.
  const [compact, setCompact] = useState(() => !(utf8OrNull(base) ?? "").includes("\n"));
  const [error, setError] = useState<string | null>(null);
  // Whether the user typed anything: an untouched value is never written back, since the
  // editor's form of it (re-indented JSON) may differ from the bytes stored.
  const [touched, setTouched] = useState(false);
  const conflict = isConflict(edit.error);

  // JSON converts as it would be saved (compacted when that box is ticked), so switching an
  // untouched document to hex shows exactly the bytes stored.
  const saved = () =>
    format === "json" && compact && jsonError(content) === null ? minifyJson(content) : content;

  const switchTo = (next: Format) => {
    const parsed = bytesOf(saved(), format);
    if ("error" in parsed) return setError(parsed.error);
    const converted = contentOf(parsed.bytes, next);
    if (converted === null)
      return setError("These bytes are not UTF-8: edit them as hex or base64.");
    setError(null);
    setFormat(next);
    setContent(converted);
  };

  const save = () => {
    if (!touched && !conflict) {
      toast.show("success", "Nothing changed: the value was left as it is.");
      return onDone();
    }
    let bytes: Uint8Array;
    if (format === "json") {
      const problem = jsonError(content);
      if (problem !== null) return setError(`Not valid JSON: ${problem}`);
      bytes = utf8Bytes(saved());
    } else {
      const parsed = bytesOf(content, format);
      if ("error" in parsed) return setError(parsed.error);
      bytes = parsed.bytes;
    }
    setError(null);
    if (!conflict && sameBytes(bytes, base)) {
      toast.show("success", "Nothing changed: the value was left as it is.");
      return onDone();
    }
    // After a conflict the user has seen the current value, so saving again replaces it.
    const expect = conflict ? (current ? bytesToJson(current) : undefined) : bytesToJson(base);
    edit.mutate(
      { op: "set", value: bytesToJson(bytes), expect },
      {
        onSuccess: () => {
          toast.show("success", "Value saved; the TTL was kept.");
          onDone();
        },
      },
    );
  };

  return (
    <div className="flex flex-col gap-2" data-testid="string-editor">
      <div className="flex flex-wrap items-center gap-3">
        <Segmented label="Edit as" value={format} options={FORMATS} onChange={switchTo} />
        {format === "json" && (
          <label className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
            <input
              type="checkbox"
              checked={compact}
              onChange={(e) => setCompact(e.target.checked)}
            />
            Save compact (no indentation)
          </label>
        )}
      </div>
      <textarea
        value={content}
        onChange={(e) => {
          setTouched(true);
          setContent(e.target.value);
        }}
        aria-label="Edit value"
        spellCheck={false}
        // biome-ignore lint/a11y/noAutofocus: the user just pressed Edit; typing goes here
        autoFocus
        className={`${TEXTAREA} min-h-64`}
      />
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <EditError
        error={edit.error}
        target={target}
        current={
          current ? (
            <pre className="max-h-40 overflow-auto rounded bg-white/60 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-black/30">
              {preview(current) || "(empty string)"}
            </pre>
          ) : (
            "The new value is larger than what is loaded."
          )
        }
      />
      <FormRow>
        <Button variant="primary" onClick={save} disabled={edit.isPending}>
          {conflict ? "Save anyway" : "Save"}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </FormRow>
    </div>
  );
}
