import "server-only";
import type { Reply } from "@/lib/schemas/cli";

// A RESP2 reader for the console's replies, over the bytes the console connection received for
// one command (lib/redis/console.ts taps its socket). ioredis decodes simple strings (+OK) and
// bulk strings ($2 OK) to the same Buffer, so the reply's types are read here from the wire,
// as redis-cli does. It cuts as it reads: at most `limit` replies (every element of every
// nesting level counts) and `limitBytes` bytes of strings; what the budget, or the captured
// bytes, do not reach is left out and the answer says `truncated`.

export type ReadLimits = { limit: number; limitBytes: number };

export class CutShort extends Error {}

const CR = 0x0d;

export function readReply(wire: Buffer, limits: ReadLimits): { reply: Reply; truncated: boolean } {
  let pos = 0;
  let elements = 0;
  let bytes = 0;
  let truncated = false;

  const line = (): string => {
    const end = wire.indexOf(CR, pos);
    if (end < 0) throw new CutShort();
    const text = wire.toString("latin1", pos, end);
    pos = end + 2;
    return text;
  };

  const integer = (text: string): number | string => {
    const n = Number(text);
    // Beyond 2^53 a JS number is no longer exact: such integers travel as their digits.
    return Number.isSafeInteger(n) ? n : text;
  };

  const take = (n: number): Buffer => {
    if (pos + n > wire.length) throw new CutShort();
    const out = wire.subarray(pos, pos + n);
    pos += n + 2;
    return out;
  };

  const one = (): Reply => {
    if (pos >= wire.length) throw new CutShort();
    const type = wire[pos++];
    switch (type) {
      case 0x2b: // +
        return { type: "status", value: Buffer.from(line(), "latin1") };
      case 0x2d: // -
        return { type: "error", value: Buffer.from(line(), "latin1") };
      case 0x3a: // :
        return { type: "integer", value: integer(line()) };
      case 0x24: {
        // $
        const n = Number(line());
        if (n < 0) return { type: "nil", value: null };
        const room = Math.max(0, limits.limitBytes - bytes);
        if (n > room) {
          truncated = true;
          const have = Math.min(room, wire.length - pos);
          const cut = Buffer.from(wire.subarray(pos, pos + have));
          bytes += have;
          pos = wire.length; // nothing after a cut string is read
          throw Object.assign(new CutShort(), { partial: { type: "string", value: cut } });
        }
        bytes += n;
        return { type: "string", value: Buffer.from(take(n)) };
      }
      case 0x2a: {
        // *
        const n = Number(line());
        if (n < 0) return { type: "nil", value: null };
        const items: Reply[] = [];
        const reply: Reply = { type: "array", value: items };
        for (let i = 0; i < n; i++) {
          if (elements >= limits.limit) {
            truncated = true;
            throw Object.assign(new CutShort(), { partial: reply });
          }
          elements++;
          try {
            items.push(one());
          } catch (e) {
            if (!(e instanceof CutShort)) throw e;
            // What the cut element holds so far stays in its place; the rest is left out.
            const partial = (e as { partial?: Reply }).partial;
            if (partial) items.push(partial);
            throw Object.assign(new CutShort(), { partial: reply });
          }
        }
        return reply;
      }
      default:
        throw new Error(`not a RESP2 reply (type byte 0x${(type ?? 0).toString(16)})`);
    }
  };

  try {
    return { reply: one(), truncated };
  } catch (e) {
    if (!(e instanceof CutShort)) throw e;
    const partial = (e as { partial?: Reply }).partial;
    return { reply: partial ?? { type: "nil", value: null }, truncated: true };
  }
}
