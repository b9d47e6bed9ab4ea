import { commandName, firstKey } from "./filter";
import type { MonitorLine } from "./line";

// What a profiler run saw, in bounded memory: counters per command, key prefix and client,
// each holding at most MAX_DISTINCT names (a run over random keys would otherwise keep one
// counter per key); names past that count under `other`. Used by the server for the end
// event and by the browser for what it received. Client-safe, pure.

export const MAX_DISTINCT = 10_000;
export const TOP = 10;

const COLON = 0x3a;

class Counter {
  readonly counts = new Map<string, number>();
  other = 0;
  add(name: string): void {
    const n = this.counts.get(name);
    if (n !== undefined) this.counts.set(name, n + 1);
    else if (this.counts.size < MAX_DISTINCT) this.counts.set(name, 1);
    else this.other++;
  }
  top(): [string, number][] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP);
  }
}

/** The key's namespace: up to and with its last `:` (`user:42:name` → `user:42:`); a key
 * without one counts as itself. */
export function keyPrefix(key: Uint8Array): Uint8Array {
  const last = key.lastIndexOf(COLON);
  return last < 0 ? key : key.subarray(0, last + 1);
}

// Byte strings as Map keys: latin1 is one char per byte, so two keys are equal exactly when
// their bytes are, and the bytes come back unchanged.
function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length && i < 1024; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}
function fromLatin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export type Summary<B = Uint8Array> = {
  /** Lines MONITOR sent while the run lasted. */
  seen: number;
  /** Lines that passed the filters. */
  matched: number;
  /** Lines sent to the browser (matched less dropped). */
  delivered: number;
  /** Matched lines not sent because the browser was too far behind. */
  dropped: number;
  seconds: number;
  /** Every command the server ran (seen), per second of the run. */
  commandsPerSecond: number;
  topCommands: { command: string; count: number }[];
  topPrefixes: { prefix: B; count: number }[];
  topClients: { client: string; count: number }[];
  /** Matched lines whose command, prefix or client was past the MAX_DISTINCT counters. */
  other: { commands: number; prefixes: number; clients: number };
  /** On a cluster: lines seen and matched per watched node (host:port). */
  nodes?: { node: string; seen: number; matched: number }[];
};

export class SummaryCounter {
  seen = 0;
  matched = 0;
  delivered = 0;
  private readonly commands = new Counter();
  private readonly prefixes = new Counter();
  private readonly clients = new Counter();
  // A run watches a few nodes (a cluster's masters, or one): no cap needed.
  private readonly nodes = new Map<string, { seen: number; matched: number }>();

  private nodeCounts(node: string) {
    let counts = this.nodes.get(node);
    if (!counts) {
      counts = { seen: 0, matched: 0 };
      this.nodes.set(node, counts);
    }
    return counts;
  }

  /** Counts a line `node` sent, before the filters (on a cluster; one server has no node). */
  sawOn(node: string): void {
    this.nodeCounts(node).seen++;
  }

  /** Counts a line that passed the filters (and, on a cluster, the node it came from). */
  add(line: Pick<MonitorLine, "args" | "client">, node?: string): void {
    this.matched++;
    if (node !== undefined) this.nodeCounts(node).matched++;
    this.commands.add(commandName(line.args));
    this.clients.add(line.client);
    const key = firstKey(line.args);
    if (key) this.prefixes.add(latin1(keyPrefix(key)));
  }

  result(seconds: number, dropped: number): Summary {
    return {
      seen: this.seen,
      matched: this.matched,
      delivered: this.delivered,
      dropped,
      seconds: Math.round(seconds * 1000) / 1000,
      commandsPerSecond: seconds > 0 ? Math.round((this.seen / seconds) * 10) / 10 : 0,
      topCommands: this.commands.top().map(([command, count]) => ({ command, count })),
      topPrefixes: this.prefixes.top().map(([p, count]) => ({ prefix: fromLatin1(p), count })),
      topClients: this.clients.top().map(([client, count]) => ({ client, count })),
      other: {
        commands: this.commands.other,
        prefixes: this.prefixes.other,
        clients: this.clients.other,
      },
      ...(this.nodes.size > 0 && {
        nodes: [...this.nodes].map(([node, counts]) => ({ node, ...counts })),
      }),
    };
  }
}
