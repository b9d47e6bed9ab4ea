import { cn } from "@/components/ui/cn";
import { displayJsonBytes, type JsonBytes } from "@/lib/bytes";

/** A key as a person reads it: non-UTF-8 bytes as \xNN, the empty key named as such. */
export function KeyName({ value, className }: { value: JsonBytes; className?: string }) {
  const text = displayJsonBytes(value);
  if (text === "")
    return <span className={cn("font-mono text-zinc-400 italic", className)}>(empty key)</span>;
  return (
    <span className={cn("font-mono", className)} title={text}>
      {text}
    </span>
  );
}
