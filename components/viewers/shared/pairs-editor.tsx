"use client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";

export type Pair = [string, string];

/**
 * Rows of two text inputs (field and value, member and score) with add and remove. Text is
 * sent as UTF-8; binary contents can be added afterwards in the viewer's hex mode.
 */
export function PairsEditor({
  pairs,
  onChange,
  labels,
  placeholders,
  narrowSecond,
}: {
  pairs: Pair[];
  onChange: (pairs: Pair[]) => void;
  labels: [string, string];
  placeholders?: [string, string];
  /** A short second column (a score), instead of a wide one (a value). */
  narrowSecond?: boolean;
}) {
  const second = narrowSecond ? "w-32 shrink-0" : "min-w-0 flex-[2]";
  const set = (i: number, col: 0 | 1, text: string) =>
    onChange(pairs.map((p, j) => (j === i ? (col === 0 ? [text, p[1]] : [p[0], text]) : p)));
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex gap-2 pr-9 text-xs text-zinc-500" aria-hidden>
        <span className="min-w-0 flex-1">{labels[0]}</span>
        <span className={second}>{labels[1]}</span>
      </div>
      {pairs.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and have no identity
        <div key={i} className="flex items-center gap-2">
          <Input
            value={p[0]}
            onChange={(e) => set(i, 0, e.target.value)}
            aria-label={`${labels[0]} ${i + 1}`}
            placeholder={placeholders?.[0] ?? labels[0]}
            className="min-w-0 flex-1 font-mono"
          />
          <Input
            value={p[1]}
            onChange={(e) => set(i, 1, e.target.value)}
            aria-label={`${labels[1]} ${i + 1}`}
            placeholder={placeholders?.[1] ?? labels[1]}
            className={cn(second, "font-mono")}
          />
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove row ${i + 1}`}
            disabled={pairs.length === 1}
            onClick={() => onChange(pairs.filter((_, j) => j !== i))}
          >
            ✕
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" variant="ghost" onClick={() => onChange([...pairs, ["", ""]])}>
          + Add row
        </Button>
      </div>
    </div>
  );
}

/** Rows with a first column filled in; rows left entirely empty are dropped. */
export function filledPairs(pairs: Pair[]): Pair[] {
  return pairs.filter(([a, b]) => a !== "" || b !== "");
}
