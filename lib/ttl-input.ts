import { MAX_TTL_SECONDS } from "@/lib/schemas/keys";

// What people type for a TTL: "90" or "90s", "15m", "1h", "2d", "1w", and combinations such as
// "1h30m" or "1d 12h". The API still takes whole seconds; this turns the text into them.

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const PART = /(\d+)\s*([smhdw])/gy;

/** Whole seconds ≥ 1 for a duration, or a sentence saying what is wrong with it. */
export function parseDuration(input: string): number | string {
  const text = input.trim().toLowerCase();
  if (text === "") return "Enter a duration, e.g. 90s, 15m, 1h30m or 2d.";
  let seconds: number;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    seconds = 0;
    let seen = "";
    PART.lastIndex = 0;
    let at = 0;
    for (let m = PART.exec(text); m; m = PART.exec(text)) {
      const [, n, unit] = m as unknown as [string, string, string];
      if (seen.includes(unit)) return `"${unit}" appears twice in ${JSON.stringify(input.trim())}.`;
      seen += unit;
      seconds += Number(n) * (UNIT_SECONDS[unit] as number);
      at = PART.lastIndex;
      while (text[at] === " ") at++;
      PART.lastIndex = at;
    }
    if (at !== text.length)
      return "Use whole numbers with s, m, h, d or w, e.g. 90s, 15m, 1h30m or 2d.";
  }
  if (seconds < 1) return "The TTL must be at least 1 second.";
  if (seconds > MAX_TTL_SECONDS) return `The TTL can be at most ${MAX_TTL_SECONDS} seconds.`;
  return seconds;
}
