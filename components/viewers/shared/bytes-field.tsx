"use client";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import type { JsonBytes } from "@/lib/bytes";
import {
  BYTES_FORMATS,
  type BytesFormat,
  formatAs,
  jsonToBytes,
  naturalFormat,
  parseAs,
  parsedJson,
} from "./bytes-codec";
import { Segmented } from "./segmented";

/** What an editor holds: the typed text and how to read it. */
export type Draft = { format: BytesFormat; text: string };

export const EMPTY_DRAFT: Draft = { format: "text", text: "" };

/** A draft showing these bytes exactly: text when they are plain UTF-8, else hex. */
export function draftOf(value: JsonBytes, multiline = false): Draft {
  const bytes = jsonToBytes(value);
  const format = naturalFormat(bytes);
  return { format, text: formatAs(bytes, format, multiline) ?? "" };
}

/** The draft's bytes for a request body, or the reason it cannot be read. */
export function readDraft(draft: Draft) {
  return parsedJson(draft.text, draft.format);
}

export const TEXTAREA =
  "w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-[13px] text-zinc-900 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

/**
 * A byte-string input with a text / hex / base64 switch. Switching converts what is typed when
 * it parses, so a value that is not UTF-8 can be viewed and typed in hex and sent back exactly.
 */
export function BytesField({
  label,
  draft,
  onChange,
  multiline,
  autoFocus,
  placeholder,
  className,
}: {
  label: string;
  draft: Draft;
  onChange: (draft: Draft) => void;
  multiline?: boolean;
  autoFocus?: boolean;
  placeholder?: string;
  className?: string;
}) {
  const parsed = parseAs(draft.text, draft.format);
  const switchTo = (format: BytesFormat) => {
    const text = parsed.ok ? formatAs(parsed.bytes, format, multiline) : null;
    onChange({ format, text: text ?? draft.text });
  };
  // Text is offered only when the bytes are UTF-8: anything else would be mangled.
  const textImpossible =
    parsed.ok && draft.format !== "text" && formatAs(parsed.bytes, "text") === null;
  const common = {
    value: draft.text,
    "aria-label": label,
    autoFocus,
    spellCheck: false,
    placeholder: placeholder ?? (draft.format === "hex" ? "00 ff 41" : undefined),
  };
  return (
    <div className={cn("flex min-w-0 flex-col gap-1", className)}>
      <div className="flex items-center gap-2 text-xs text-zinc-500">
        <span>{label}</span>
        <Segmented
          size="xs"
          label={`${label} format`}
          value={draft.format}
          options={BYTES_FORMATS}
          labels={{ base64: "B64" }}
          disabled={(f) => f === "text" && textImpossible}
          onChange={switchTo}
        />
        {!parsed.ok && (
          <span role="alert" className="truncate text-red-600 dark:text-red-400">
            {parsed.error}
          </span>
        )}
      </div>
      {multiline ? (
        <textarea
          {...common}
          onChange={(e) => onChange({ ...draft, text: e.target.value })}
          className={cn(TEXTAREA, "min-h-24")}
        />
      ) : (
        <Input
          {...common}
          onChange={(e) => onChange({ ...draft, text: e.target.value })}
          className="w-full font-mono"
        />
      )}
    </div>
  );
}
