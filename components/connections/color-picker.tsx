"use client";
import { cn } from "@/components/ui/cn";
import { CONNECTION_COLORS, type ConnectionColor } from "@/lib/schemas/connections";
import { COLOR_CLASSES } from "./colors";

/** The palette as round swatches, plus "none". */
export function ColorPicker({
  value,
  onChange,
}: {
  value: ConnectionColor | null;
  onChange: (c: ConnectionColor | null) => void;
}) {
  const ring = "ring-2 ring-indigo-500 ring-offset-2 ring-offset-white dark:ring-offset-zinc-900";
  return (
    <div role="radiogroup" aria-label="Colour" className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        role="radio"
        aria-checked={value === null}
        aria-label="No colour"
        onClick={() => onChange(null)}
        className={cn(
          "h-6 rounded-full border border-zinc-300 px-2 text-xs text-zinc-500 dark:border-zinc-700",
          value === null && ring,
        )}
      >
        none
      </button>
      {CONNECTION_COLORS.map((c) => (
        <button
          key={c}
          type="button"
          role="radio"
          aria-checked={value === c}
          aria-label={COLOR_CLASSES[c].label}
          title={COLOR_CLASSES[c].label}
          onClick={() => onChange(c)}
          className={cn("size-6 rounded-full", COLOR_CLASSES[c].dot, value === c && ring)}
        />
      ))}
    </div>
  );
}
