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
