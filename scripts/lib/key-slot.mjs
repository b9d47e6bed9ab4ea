// Redis Cluster's key → slot mapping, computed from the key's bytes: CRC16 (XMODEM: polynomial
// 0x1021, initial value 0) of the key, or of its hash tag, mod 16384. The one definition, shared
// by the server (lib/redis/slot.ts re-exports it) and the scripts (the demo's cluster seeder),
// which run without TypeScript. ioredis's own slot code hashes a key as text, so a key that is
// not valid UTF-8 can land in another slot; Keyscope never relies on it.

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

/** @param {Uint8Array} bytes @returns {number} */
function crc16(bytes) {
  let crc = 0;
  for (const byte of bytes)
    crc = ((crc << 8) ^ /** @type {number} */ (TABLE[((crc >> 8) ^ byte) & 0xff])) & 0xffff;
  return crc;
}

/**
 * The part of the key that is hashed: between the first "{" and the first "}" after it, when
 * that is not empty; otherwise the whole key ("{}" and an unclosed "{" hash the whole key).
 * @param {Buffer} key @returns {Buffer}
 */
export function hashTag(key) {
  const open = key.indexOf(0x7b); // {
  if (open === -1) return key;
  const close = key.indexOf(0x7d, open + 1); // }
  if (close === -1 || close === open + 1) return key;
  return key.subarray(open + 1, close);
}

/**
 * The cluster slot (0–16383) that owns `key`; a string key is its UTF-8 bytes, as ioredis sends it.
 * @param {Buffer | string} key @returns {number}
 */
export function keySlot(key) {
  return crc16(hashTag(typeof key === "string" ? Buffer.from(key) : key)) % SLOT_COUNT;
}
