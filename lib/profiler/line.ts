// One line of MONITOR output, read back to bytes. Client-safe and pure.
//
// Redis prints each command it runs as one status reply:
//   1339518083.107412 [0 127.0.0.1:60866] "SET" "k\xff\x00" "v"
// with every argument quoted by sdscatrepr: printable bytes as they are, `\\`, `\"`, `\n`, `\r`,
// `\t`, `\a`, `\b`, and every other byte as `\xHH`. That makes the line ASCII and the arguments
// exactly recoverable, which ioredis's own `monitor` event is not: it splits on `" "` (an
// argument containing `" "` breaks in two) and undoes only `\"`, so `\xff` stays four
// characters. Hence this parser, fed the raw status line (lib/redis/monitor.ts).

export type MonitorLine = {
  /** Milliseconds since the epoch, with the microseconds as a fraction. */
  time: number;
  db: number;
  /** The client's address as MONITOR prints it: `ip:port`, `[ipv6]:port`, `unix:/path`, `lua`. */
  client: string;
  args: Uint8Array[];
  /**
   * The quoted arguments as Redis printed them (`"SET" "k" "v"`): what `match` is tried on.
   * A view into the line, not a copy.
   */
  printed: Uint8Array;
};

const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x5b;
const CLOSE = 0x5d;

const SIMPLE_ESCAPES: Record<number, number> = {
  110: 0x0a, // \n
  114: 0x0d, // \r
  116: 0x09, // \t
  97: 0x07, // \a
  98: 0x08, // \b
  34: 0x22, // \"
  92: 0x5c, // \\
};

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

/**
 * The quoted arguments from `start` on, unescaped. A line cut short (Keyscope keeps at most
 * MAX_LINE bytes of one) ends with its last argument as far as it got.
 */
export function parseQuotedArgs(line: Uint8Array, start: number): Uint8Array[] {
  const args: Uint8Array[] = [];
  // One scratch buffer per line: an argument is never longer than its escaped form.
  const scratch = new Uint8Array(line.length - start);
  let i = start;
  while (i < line.length) {
    if (line[i] === SPACE) {
      i++;
      continue;
    }
    if (line[i] !== QUOTE) break; // not MONITOR's shape: stop rather than guess
    i++;
    let n = 0;
    while (i < line.length && line[i] !== QUOTE) {
      const c = line[i] as number;
      if (c !== BACKSLASH) {
        scratch[n++] = c;
        i++;
        continue;
      }
      const next = line[i + 1];
      // An escape cut off by the end of a truncated line: the argument ends before it.
      if (next === undefined || (next === 0x78 && i + 3 >= line.length)) break;
      if (next === 0x78) {
        const hi = hexValue(line[i + 2]);
        const lo = hexValue(line[i + 3]);
        if (hi >= 0 && lo >= 0) {
          scratch[n++] = hi * 16 + lo;
          i += 4;
          continue;
        }
      }
      const simple = next === undefined ? undefined : SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        scratch[n++] = simple;
        i += 2;
      } else {
        scratch[n++] = c; // a lone backslash (never printed by Redis): keep it
        i++;
      }
    }
    args.push(scratch.slice(0, n));
    i++; // the closing quote
  }
  return args;
}

/** The fields of one MONITOR line (without `+` and CRLF), or null when it is not one. */
export function parseMonitorLine(line: Uint8Array): MonitorLine | null {
  const space = line.indexOf(SPACE);
  if (space <= 0 || line[space + 1] !== OPEN) return null;
  const stamp = ascii(line, 0, space);
  const dot = stamp.indexOf(".");
  const seconds = Number(dot < 0 ? stamp : stamp.slice(0, dot));
  const micros =
    dot < 0
      ? 0
      : Number(
          stamp
            .slice(dot + 1)
            .padEnd(6, "0")
            .slice(0, 6),
        );
  if (!Number.isFinite(seconds) || !Number.isFinite(micros)) return null;
  const dbStart = space + 2;
  const dbEnd = line.indexOf(SPACE, dbStart);
  if (dbEnd < 0) return null;
  const db = Number(ascii(line, dbStart, dbEnd));
  // The client ends at `] "`: an IPv6 address has its own brackets (`[::1]:6379`), never
  // followed by a space and a quote.
  let close = dbEnd;
  for (;;) {
    close = line.indexOf(CLOSE, close + 1);
    if (close < 0) return null;
    if (line[close + 1] === SPACE && line[close + 2] === QUOTE) break;
  }
  const argsStart = close + 2;
  return {
    time: seconds * 1000 + micros / 1000,
    db: Number.isInteger(db) ? db : -1,
    client: ascii(line, dbEnd + 1, close),
    args: parseQuotedArgs(line, argsStart),
    printed: line.subarray(argsStart),
  };
}
