import { displayJsonBytes, type JsonBytes } from "@/lib/bytes";

// A slowlog entry's arguments as one command line a person reads, quoted the way redis-cli
// prints them: a bare word stays bare; anything with spaces, quotes or escapes, or empty,
// goes in double quotes. Bytes that are not UTF-8 show as \xNN (lib/bytes.ts displayBytes).

const BARE = /^[^\s"'\\]+$/;

export function argText(arg: JsonBytes): string {
  const shown = displayJsonBytes(arg);
  if (BARE.test(shown)) return shown;
  return `"${shown.replace(/"/g, '\\"')}"`;
}

/** The command line; Redis's own "... (N more arguments)" last argument reads as is. */
export function commandText(args: readonly JsonBytes[]): string {
  return args
    .map((a, i) => {
      const shown = displayJsonBytes(a);
      return i === args.length - 1 && /^\.\.\. \(\d+ more arguments\)$/.test(shown)
        ? shown
        : argText(a);
    })
    .join(" ");
}

/** µs as the page shows them: "1,234 µs" or "1.234 ms". */
export function formatDuration(us: number, unit: "us" | "ms"): string {
  return unit === "us"
    ? `${us.toLocaleString("en-US")} µs`
    : `${(us / 1000).toLocaleString("en-US", { minimumFractionDigits: 3, maximumFractionDigits: 3 })} ms`;
}
