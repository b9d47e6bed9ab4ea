import type { ConnectionColor } from "@/lib/schemas/connections";

// Each colour of the API's palette as whole Tailwind class names (Tailwind finds classes by
// scanning the source, so they cannot be built from the colour's name at run time). The band
// repeats itself under dark: so that the header's dark:border-zinc-800 does not win over it.
export const COLOR_CLASSES: Record<ConnectionColor, { dot: string; band: string; label: string }> =
  {
    red: { dot: "bg-red-500", band: "border-t-red-500 dark:border-t-red-500", label: "Red" },
    orange: {
      dot: "bg-orange-500",
      band: "border-t-orange-500 dark:border-t-orange-500",
      label: "Orange",
    },
    yellow: {
      dot: "bg-yellow-400",
      band: "border-t-yellow-400 dark:border-t-yellow-400",
      label: "Yellow",
    },
    green: {
      dot: "bg-emerald-500",
      band: "border-t-emerald-500 dark:border-t-emerald-500",
      label: "Green",
    },
    teal: { dot: "bg-teal-500", band: "border-t-teal-500 dark:border-t-teal-500", label: "Teal" },
    blue: { dot: "bg-sky-500", band: "border-t-sky-500 dark:border-t-sky-500", label: "Blue" },
    purple: {
      dot: "bg-violet-500",
      band: "border-t-violet-500 dark:border-t-violet-500",
      label: "Purple",
    },
    gray: { dot: "bg-zinc-400", band: "border-t-zinc-400 dark:border-t-zinc-400", label: "Gray" },
  };

/** A connection's colour as a small round mark (the list, the header, the picker's form). */
export function ColorDot({ color, className }: { color?: ConnectionColor; className?: string }) {
  if (!color) return null;
  return (
    <span
      aria-hidden
      data-color={color}
      className={`inline-block size-2.5 shrink-0 rounded-full ${COLOR_CLASSES[color].dot} ${className ?? ""}`}
    />
  );
}

/** A latency: "0.4 ms" below 10 ms (a local Redis answers in well under 1 ms), "12 ms" above. */
export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
}
