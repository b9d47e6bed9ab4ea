import { cn } from "@/components/ui/cn";
import { displayJsonBytes, type JsonBytes, jsonToBytes, utf8OrNull } from "@/lib/bytes";
import { prettyJson } from "@/lib/json-pretty";

/**
 * Bytes on one line, as `KeyName` shows keys: non-UTF-8 bytes as \xNN, control characters
 * escaped, so two different values never look alike. Always React text, never HTML.
 */
export function BytesText({
  value,
  className,
  empty = "(empty)",
}: {
  value: JsonBytes;
  className?: string;
  empty?: string;
}) {
  const text = displayJsonBytes(value);
  if (text === "") return <span className={cn("text-zinc-400 italic", className)}>{empty}</span>;
  return <span className={cn("font-mono", className)}>{text}</span>;
}

/**
 * A whole value in a box: UTF-8 text keeps its line breaks (JSON objects and arrays are
 * re-indented, numbers untouched); anything else is shown escaped and said to be binary.
 */
export function ValueBlock({
  value,
  label,
  testId,
  tall = false,
}: {
  value: JsonBytes;
  label?: string;
  testId?: string;
  /** Beside the rows (SplitView) there is room for more than 16 rem of it. */
  tall?: boolean;
}) {
  const text = typeof value === "string" ? value : utf8OrNull(jsonToBytes(value));
  const pretty = text === null ? null : prettyJson(text);
  const shown = pretty ?? text ?? displayJsonBytes(value);
  return (
    <div className="flex min-w-0 flex-col gap-1">
      {(label || text === null || pretty !== null) && (
        <div className="flex items-center gap-2 text-xs text-zinc-500">
          {label && <span>{label}</span>}
          {pretty !== null && (
            <span className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">JSON</span>
          )}
          {text === null && <span>not UTF-8: bytes shown as \xNN</span>}
        </div>
      )}
      <pre
        data-testid={testId}
        className={cn(
          tall ? "max-h-[60vh]" : "max-h-64",
          "overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-[13px] break-all whitespace-pre-wrap dark:border-zinc-800 dark:bg-zinc-900",
        )}
      >
        {shown || <span className="text-zinc-400 italic">(empty)</span>}
      </pre>
    </div>
  );
}
