import { cn } from "@/components/ui/cn";

/** A row of mutually exclusive toggle buttons (view modes, input formats, sort order). */
export function Segmented<T extends string>({
  value,
  options,
  onChange,
  label,
  disabled,
  labels,
  size = "sm",
}: {
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
  label: string;
  disabled?: (option: T) => boolean;
  labels?: Partial<Record<T, string>>;
  size?: "xs" | "sm";
}) {
  return (
    <div
      className={cn(
        "inline-flex shrink-0 rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700",
        size === "xs" ? "text-[10px]" : "text-xs",
      )}
      role="group"
      aria-label={label}
    >
      {options.map((o) => (
        <button
          key={o}
          type="button"
          aria-pressed={value === o}
          disabled={disabled?.(o)}
          onClick={() => onChange(o)}
          className={cn(
            "rounded px-2 py-0.5 disabled:cursor-not-allowed disabled:opacity-40",
            // Short mode names read as labels in capitals; spelled-out labels stay as written.
            !labels?.[o] && "uppercase",
            value === o
              ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-100"
              : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
          )}
        >
          {labels?.[o] ?? o}
        </button>
      ))}
    </div>
  );
}
