import { zlibDecompressor } from "../compress/node-zlib";
import { type Budget, bytesNode, type DNode, NotThisFormat, nul, str } from "../node";
import { shape } from "../summary";
import { utf8OrNull } from "./cursor";

// Rails cache entries (activesupport/lib/active_support/cache.rb and cache/coder.rb), shown as
// the entry's value and its expiry rather than as the Entry object's instance variables:
// - Rails 7.1+ (cache/coder.rb, Coder): "\x00\x11", a type byte (0x01 a Marshal dump of the
//   value, 0x02/0x03/0x04 a UTF-8/binary/ASCII string; | 0x80 when zlib-compressed), expires_at
//   as a little-endian double (-1.0: none), the version's length as a little-endian int32 (-1:
//   none), the version, then the payload ("CEl<" in Ruby's pack, SIGNATURE = "\x00\x11").
// - Rails 7.0 and 7.1's Marshal serializers (Marshal70WithFallback, Marshal71WithFallback in
//   cache/serializer_with_fallback.rb): a mark byte, "\x00" or "\x01" when the rest is
//   zlib-compressed, then Marshal of Entry#pack, [value, expires_at, version] with trailing nils
//   dropped.
// - Before (Rails61Coder): Marshal of ActiveSupport::Cache::Entry with @value (zlib'd Marshal bytes when
//   @compressed), @version, @created_at and @expires_in (seconds after @created_at up to 6.1;
//   from 7.0 @created_at is 0.0 and @expires_in holds the absolute expiry time).

const ENTRY = "ActiveSupport::Cache::Entry";
type ObjectNode = Extract<DNode, { k: "object" }>;

const time = (seconds: number): DNode => {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? nul : { k: "object", cls: "Time", repr: d.toISOString() };
};

async function inflate(b: Uint8Array, budget: Budget): Promise<Uint8Array> {
  const out = await zlibDecompressor.inflate(b, budget.limits.outputBytes);
  return out.bytes;
}

function entry(value: DNode, expiresAt: DNode, version: DNode, compressed: boolean): ObjectNode {
  const fields: [string, DNode][] = [
    ["value", value],
    ["expires_at", expiresAt],
  ];
  if (version.k !== "null") fields.push(["version", version]);
  if (compressed) fields.push(["compressed", { k: "str", v: "zlib" }]);
  return { k: "object", cls: ENTRY, fields };
}

type ReadMarshal = (b: Uint8Array, budget: Budget) => DNode;

async function rails71(b: Uint8Array, budget: Budget, read: ReadMarshal): Promise<DNode> {
  if (b.length < 15) throw new NotThisFormat("not a Rails 7.1 cache entry: short header");
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const type = b[2] as number;
  const expires = v.getFloat64(3, true);
  const versionLength = v.getInt32(11, true);
  const versionEnd = 15 + Math.max(versionLength, 0);
  if (versionEnd > b.length)
    throw new NotThisFormat("not a Rails 7.1 cache entry: version past the end");
  const versionBytes = b.subarray(15, versionEnd);
  let payload = b.subarray(versionEnd);
  const compressed = (type & 0x80) !== 0;
  if (compressed) payload = await inflate(payload, budget);
  let value: DNode;
  const kind = type & 0x7f;
  if (kind === 1) value = read(payload, budget);
  else if (kind === 3) value = bytesNode(payload);
  else {
    const s = utf8OrNull(payload);
    value = s === null ? bytesNode(payload) : str(s);
  }
  // A version that is not UTF-8 text (or looks like Marshal) is itself Marshal (dump_version).
  const version =
    versionLength < 0
      ? nul
      : versionBytes[0] === 4 && versionBytes[1] === 8
        ? read(versionBytes, budget)
        : str(utf8OrNull(versionBytes) ?? "?");
  return entry(value, expires < 0 ? nul : time(expires), version, compressed);
}

const num = (n: DNode | undefined): number | undefined =>
  n?.k === "float" && typeof n.v === "number" ? n.v : n?.k === "int" ? Number(n.v) : undefined;

/** A marshalled Entry object (Rails ≤ 7.0 format) as its value and expiry. */
async function legacy(tree: DNode, budget: Budget, read: ReadMarshal): Promise<DNode> {
  if (tree.k !== "object" || tree.cls !== ENTRY) return tree;
  const f = new Map(tree.fields ?? []);
  let value = f.get("@value") ?? nul;
  const compressed =
    f.get("@compressed")?.k === "bool" && (f.get("@compressed") as { v: boolean }).v;
  if (compressed && value.k === "bytes") {
    try {
      value = read(await inflate(Buffer.from(value.b64, "base64"), budget), budget);
    } catch {
      // Left as the compressed bytes: still the entry, with its expiry.
    }
  }
  const created = num(f.get("@created_at")) ?? 0;
  const expiresIn = num(f.get("@expires_in"));
  const expiresAt =
    expiresIn === undefined ? nul : time(created > 0 ? created + expiresIn : expiresIn);
  return entry(value, expiresAt, f.get("@version") ?? nul, compressed);
}

/** Rails 7.0's mark byte and Marshal of [value, expires_at, version]. */
async function rails70(b: Uint8Array, budget: Budget, read: ReadMarshal): Promise<DNode> {
  const compressed = b[0] === 1;
  const payload = compressed ? await inflate(b.subarray(1), budget) : b.subarray(1);
  const packed = read(payload, budget);
  if (packed.k !== "list" || packed.items.length < 1 || packed.items.length > 3)
    throw new NotThisFormat("not a Rails 7.0 cache entry: not [value, expires_at, version]");
  const [value, expires, version] = packed.items;
  const at = num(expires);
  return entry(value ?? nul, at === undefined ? nul : time(at), version ?? nul, compressed);
}

/** Rails 7.0's mark byte before Marshal (04 08) or zlib (78 xx) data. */
export const isRails70 = (b: Uint8Array) =>
  (b[0] === 0 && b[1] === 4 && b[2] === 8) || (b[0] === 1 && b[1] === 0x78);

export async function railsEntry(b: Uint8Array, budget: Budget, read: ReadMarshal): Promise<DNode> {
  if (b[0] === 0 && b[1] === 0x11) return rails71(b, budget, read);
  if (isRails70(b)) return rails70(b, budget, read);
  return legacy(read(b, budget), budget, read);
}

export function railsSummary(tree: DNode): string {
  if (tree.k !== "object" || tree.cls !== ENTRY) return `marshal · ${shape(tree)}`;
  const f = new Map(tree.fields ?? []);
  const value = f.get("value") ?? nul;
  const exp = f.get("expires_at");
  const when = exp?.k === "object" ? ` · expires ${exp.repr}` : "";
  return `Rails cache entry · ${shape(value)}${when}`;
}
