import { cn } from "@/components/ui/cn";
import { displayJsonBytes, type JsonBytes } from "@/lib/bytes";

// Long keys differ at the end (session ids, hashes, numbers), so a name that does not fit is cut
// in the middle: the head shrinks with an ellipsis, the tail always shows. Pure CSS, no
// measuring: a name that fits renders whole, as the two halves sit side by side.
const TAIL_CHARS = 14;

/** A key as a person reads it: non-UTF-8 bytes as \xNN, the empty key named as such. */
export function KeyName({
  value,
  className,
  middle = false,
  expanded = false,
}: {
  value: JsonBytes;
  className?: string;
  /** Cut in the middle instead of at the end (list rows). */
  middle?: boolean;
  /** Show the whole name, wrapped (the focused row). */
  expanded?: boolean;
}) {
  const text = displayJsonBytes(value);
  if (text === "")
    return <span className={cn("font-mono text-zinc-400 italic", className)}>(empty key)</span>;
  if (expanded)
    return (
      <span className={cn("font-mono break-all whitespace-normal", className)} title={text}>
        {text}
      </span>
    );
  const chars = Array.from(text); // code points: never split a surrogate pair
  if (!middle || chars.length <= TAIL_CHARS * 2)
    return (
      <span className={cn("font-mono", className)} title={text}>
        {text}
      </span>
    );
  const head = chars.slice(0, -TAIL_CHARS).join("");
  const tail = chars.slice(-TAIL_CHARS).join("");
  return (
    <span
      className={cn("flex min-w-0 font-mono whitespace-pre", className)}
      title={text}
      data-testid="key-name"
    >
      <span className="min-w-0 truncate">{head}</span>
      <span className="shrink-0">{tail}</span>
    </span>
  );
}
