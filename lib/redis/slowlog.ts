import "server-only";
import type { SlowlogResult } from "@/lib/schemas/diagnostics";
import { adminCommand, configNumber } from "./admin-command";
import { firstServerNode, targetFor } from "./target";

// The slowlog (SLOWLOG GET/LEN/RESET), read with Buffer replies so arguments keep their exact
// bytes. Redis already bounds an entry: 32 arguments at most (the last one then says
// "... (N more arguments)") and 128 bytes per argument (cut ones end "... (N more bytes)").

type Entry = Omit<SlowlogResult["entries"][number], "args"> & { args: Buffer[] };

const text = (b: unknown) => (Buffer.isBuffer(b) ? b.toString("latin1") : String(b ?? ""));

/** One SLOWLOG GET entry: [id, time, duration, args, client (4.0+), client name (4.0+)]. */
function toEntry(raw: unknown): Entry {
  const [id, time, duration, args, client, name] = raw as unknown[];
  return {
    id: Number(id),
    time: Number(time),
    durationUs: Number(duration),
    args: (Array.isArray(args) ? args : []).map((a) =>
      Buffer.isBuffer(a) ? a : Buffer.from(String(a)),
    ),
    // Addresses and names are printable ASCII (CLIENT SETNAME refuses anything else).
    client: text(client),
    clientName: text(name),
  };
}

export async function readSlowlog(
  connId: string,
  count: number,
): Promise<Omit<SlowlogResult, "entries"> & { entries: Entry[] }> {
  const node = await firstServerNode(targetFor(connId, 0));
  const [raw, length] = await adminCommand("SLOWLOG", () =>
    Promise.all([
      node.callBuffer("SLOWLOG", "GET", String(count)) as Promise<unknown[]>,
      node.call("SLOWLOG", "LEN") as Promise<number>,
    ]),
  );
  const [slowerThanUs, maxLen] = await Promise.all([
    configNumber(node, "slowlog-log-slower-than"),
    configNumber(node, "slowlog-max-len"),
  ]);
  return { entries: raw.map(toEntry), length: Number(length), slowerThanUs, maxLen };
}

export async function resetSlowlog(connId: string): Promise<{ reset: true }> {
  const node = await firstServerNode(targetFor(connId, 0));
  await adminCommand("SLOWLOG RESET", () => node.call("SLOWLOG", "RESET"));
  return { reset: true };
}
