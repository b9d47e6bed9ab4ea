import "server-only";

// Redis Cluster's key → slot mapping, computed from the key's bytes: CRC16 (XMODEM: polynomial
// 0x1021, initial value 0) of the key, or of its hash tag, mod 16384. ioredis's own slot code
// (used for auto-pipelining on a Cluster) hashes the key as text, so a key that is not valid
// UTF-8 can land in another slot's group; Keyscope never relies on it.

export const SLOT_COUNT = 16384;

const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    t[i] = crc & 0xffff;
  }
  return t;
})();

export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes)
    crc = ((crc << 8) ^ (TABLE[((crc >> 8) ^ byte) & 0xff] as number)) & 0xffff;
  return crc;
}

/**
 * The part of the key that is hashed: between the first "{" and the first "}" after it, when
 * that is not empty; otherwise the whole key ("{}" and an unclosed "{" hash the whole key).
 */
export function hashTag(key: Buffer): Buffer {
  const open = key.indexOf(0x7b); // {
  if (open === -1) return key;
  const close = key.indexOf(0x7d, open + 1); // }
  if (close === -1 || close === open + 1) return key;
  return key.subarray(open + 1, close);
}

/** The cluster slot (0–16383) that owns `key`. */
export function keySlot(key: Buffer): number {
  return crc16(hashTag(key)) % SLOT_COUNT;
}

/**
 * Splits keys into groups that share a slot, keeping each key's position in the input. A
 * command that takes several keys (UNLINK, MGET…) must only get keys of one slot on a cluster
 * (CROSSSLOT otherwise), so multi-key batches are always sent one group at a time.
 */
export function groupBySlot(keys: readonly Buffer[]): { slot: number; indexes: number[] }[] {
  const groups = new Map<number, number[]>();
  keys.forEach((key, i) => {
    const slot = keySlot(key);
    const group = groups.get(slot);
    if (group) group.push(i);
    else groups.set(slot, [i]);
  });
  return [...groups].map(([slot, indexes]) => ({ slot, indexes }));
}
