// Human formats shared by the UI.

/** "45s", "12m 3s", "3h 4m", "2d 3h"; "" for no expiry. */
export function formatTtl(seconds: number): string {
  if (seconds < 0) return "";
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m ${seconds % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

export function formatBytes(n: number | null): string {
  if (n === null) return "—";
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** The glob sent to SCAN for what the user typed: a bare prefix gets a `*`. */
export function globFor(input: string): string {
  const text = input.trim();
  if (text === "") return "";
  return /[*?[\]]/.test(text) ? text : `${text}*`;
}

/** "0.0%"–"100%": a ratio as a percentage; "—" for null (e.g. a hit ratio with no reads yet). */
export function formatPercent(ratio: number | null, digits = 1): string {
  if (ratio === null || !Number.isFinite(ratio)) return "—";
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** A per-second figure: whole numbers from 10 up, one decimal below. */
export function formatRate(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return "—";
  return n >= 10 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1);
}

/** "12s ago", "3m 4s ago", "2d 3h ago" from Unix seconds. */
export function formatAgo(unixSeconds: number, nowMs = Date.now()): string {
  const s = Math.max(0, Math.round(nowMs / 1000 - unixSeconds));
  return s < 1 ? "just now" : `${formatTtl(s)} ago`;
}

/**
 * Bytes from what a person types: "1048576", "512mb", "1.5 GiB", "0". Units are powers of 1024
 * (as Redis reads "mb" and "gb"). Null when it is not a size.
 */
export function parseBytes(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = "bkmgt".indexOf((m[2] || "b").toLowerCase());
  const n = Math.round(Number(m[1]) * 1024 ** unit);
  return Number.isSafeInteger(n) ? n : null;
}
