import { bytesNode, type DNode, float, str } from "../node";
import { renderText } from "../render";
import type { Converter } from "./convert";
import { type Py, PyBytes, PyCall, PyDict, PyFloat, PyGlobal, PyList, PyTuple } from "./values";

// The allow-list: the standard library types a cache holds, turned from inert calls into
// readable nodes (a `repr` like Python's, plus their args/fields for the JSON tree). Only
// display: nothing here constructs a live object. Anything not listed is shown as the call it
// is (convert.ts `generic`). Packed states follow CPython's Lib/_pydatetime.py `_getstate`.

/** What a PyCall stands for once copyreg's wrappers are off (convert.ts instanceOf). */
export type Instance = {
  /** The class or function, dotted ("datetime.datetime"). */
  name: string;
  args: Py[];
  /** `new`: NEWOBJ or a copyreg wrapper (an instance of `name`); `call`: REDUCE/INST/OBJ. */
  kind: "new" | "call";
  kwargs?: Py;
  state?: Py;
  listitems?: Py[];
  dictitems?: [Py, Py][];
};

export type Handler = (inst: Instance, c: Converter, depth: number) => DNode | undefined;

/** A repr longer than this is left out (the node's args still say it all). */
const REPR_MAX = 2000;

// Longer than any repr kept: a repr built from it is left out (object() below), and a huge
// string or bytes is never escaped just to be thrown away.
const TOO_LONG = " ".repeat(REPR_MAX + 1);

/** A node's Python text for a repr, cheaply too long when the node is big. */
export function reprOf(n: DNode): string {
  if ((n.k === "str" && n.v.length > REPR_MAX) || (n.k === "bytes" && n.len > REPR_MAX))
    return TOO_LONG;
  return renderText(n, "python", REPR_MAX).text;
}

export function object(
  cls: string,
  repr: string | undefined,
  args?: DNode[],
  fields?: [string, DNode][],
): DNode {
  return {
    k: "object",
    cls,
    ...(repr !== undefined && repr.length <= REPR_MAX && { repr }),
    ...(args && args.length > 0 && { args }),
    ...(fields && fields.length > 0 && { fields }),
  };
}

const latin1Names = new Set(["latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1"]);

/** Bytes however a pickle spells them: bytes, a py2 str, `_codecs.encode(s, 'latin1')`, a str. */
export function asBytes(p: Py | undefined): Uint8Array | undefined {
  if (p instanceof PyBytes) return p.b;
  if (typeof p === "string") return latin1Bytes(p);
  const fn = p instanceof PyCall && p.fn instanceof PyGlobal ? p.fn.qualified : undefined;
  if (p instanceof PyCall && (fn === "_codecs.encode" || fn === "builtins.bytes")) {
    if (fn === "builtins.bytes" && p.args.length === 0) return new Uint8Array();
    const [s, enc] = p.args;
    if (typeof s === "string" && typeof enc === "string" && latin1Names.has(enc.toLowerCase()))
      return latin1Bytes(s);
  }
  return undefined;
}

function latin1Bytes(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return undefined;
    out[i] = c;
  }
  return out;
}

const isInt = (p: Py | undefined): p is number | bigint =>
  typeof p === "number" || typeof p === "bigint";
const num = (p: Py | undefined): number | undefined =>
  isInt(p) ? Number(p) : p instanceof PyFloat ? p.v : undefined;
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const seq = (p: Py | undefined): Py[] | undefined =>
  p instanceof PyList || p instanceof PyTuple ? p.items : undefined;

// ---- builtins and collections ------------------------------------------------------------------

function setOf(tag: "set" | "frozenset"): Handler {
  return (i, c, depth) => {
    const items = i.args.length === 0 ? [] : seq(i.args[0]);
    return items && { k: "list", tag, ...c.items([...items, ...(i.listitems ?? [])], depth) };
  };
}

const bytearray: Handler = (i) => {
  const b = i.args.length === 0 ? new Uint8Array() : asBytes(i.args[0]);
  return b && bytearrayNode(b);
};

export function bytearrayNode(b: Uint8Array): DNode {
  const arg = bytesNode(b);
  return object("builtins.bytearray", `bytearray(${reprOf(arg)})`, [arg]);
}

function fmtNum(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return String(x);
}

const complex: Handler = (i) => {
  const re = num(i.args[0]) ?? 0;
  const im = num(i.args[1]) ?? 0;
  if (i.args.length > 2 || i.args.some((a) => num(a) === undefined)) return undefined;
  const imText = `${fmtNum(im)}j`;
  const repr =
    re === 0 && !Object.is(re, -0)
      ? imText
      : `(${fmtNum(re)}${im < 0 || Object.is(im, -0) ? "" : "+"}${imText})`;
  return object(
    "builtins.complex",
    repr,
    [],
    [
      ["real", float(re)],
      ["imag", float(im)],
    ],
  );
};

/** A call shown as Python would write it: `slice(1, 2, None)`, `Decimal('7.50')`. */
function asWritten(cls: string, shown: string): Handler {
  return (i, c, depth) => {
    const args = c.items(i.args, depth).items;
    return object(cls, `${shown}(${args.map(reprOf).join(", ")})`, args);
  };
}

/** `_codecs.encode(s, 'latin1')`, `bytes()`: how protocols 0-2 write Python 3 bytes. */
const codecsEncode: Handler = (i) => {
  const b = asBytes(new PyCall(new PyGlobal(...splitName(i.name)), i.args, "reduce"));
  return b && bytesNode(b);
};

function splitName(name: string): [string, string] {
  const dot = name.lastIndexOf(".");
  return [name.slice(0, dot), name.slice(dot + 1)];
}

const orderedDict: Handler = (i, c, depth) => {
  const pairs: [Py, Py][] = [];
  for (const p of seq(i.args[0]) ?? []) {
    const kv = seq(p);
    if (kv?.length !== 2) return undefined;
    pairs.push([kv[0] as Py, kv[1] as Py]);
  }
  const dict = i.args[0] instanceof PyDict ? i.args[0].pairs() : [];
  return {
    k: "map",
    tag: "OrderedDict",
    ...c.entries([...pairs, ...dict, ...(i.dictitems ?? [])], depth),
  };
};

const counter: Handler = (i, c, depth) => {
  const dict = i.args[0] instanceof PyDict ? i.args[0].pairs() : [];
  return { k: "map", tag: "Counter", ...c.entries([...dict, ...(i.dictitems ?? [])], depth) };
};

const defaultdict: Handler = (i, c, depth) => {
  const factory = c.node(i.args[0] ?? null, depth + 1);
  const map: DNode = { k: "map", ...c.entries(i.dictitems ?? [], depth) };
  return object("collections.defaultdict", undefined, [factory, map]);
};

const deque: Handler = (i, c, depth) => {
  const initial = i.args.length === 0 ? [] : seq(i.args[0]);
  return (
    initial && { k: "list", tag: "deque", ...c.items([...initial, ...(i.listitems ?? [])], depth) }
  );
};

// ---- datetime ----------------------------------------------------------------------------------

/** A tzinfo argument's text, and its node. */
function tzPart(tz: Py | undefined, c: Converter, depth: number): { text: string; node?: DNode } {
  if (tz === undefined || tz === null) return { text: "" };
  const node = c.node(tz, depth + 1);
  return { text: `, tzinfo=${reprOf(node)}`, node };
}

const datetime: Handler = (i, c, depth) => {
  const b = asBytes(i.args[0]);
  if (b?.length !== 10) return undefined;
  const [y1, y2, mo, d, h, mi, s, u1, u2, u3] = b as unknown as number[];
  const month = (mo as number) & 0x7f;
  if (month < 1 || month > 12) return undefined;
  const us = ((u1 as number) << 16) | ((u2 as number) << 8) | (u3 as number);
  const day = `${pad((y1 as number) * 256 + (y2 as number), 4)}-${pad(month)}-${pad(d as number)}`;
  const clock = `${pad(h as number)}:${pad(mi as number)}:${pad(s as number)}${us ? `.${pad(us, 6)}` : ""}`;
  const tz = tzPart(i.args[1], c, depth);
  return object(
    "datetime.datetime",
    `datetime.datetime(${day} ${clock}${tz.text})`,
    [str(`${day}T${clock}`)],
    tz.node ? [["tzinfo", tz.node]] : [],
  );
};

const date: Handler = (i) => {
  const b = asBytes(i.args[0]);
  if (b?.length !== 4) return undefined;
  const text = `${pad((b[0] as number) * 256 + (b[1] as number), 4)}-${pad(b[2] as number)}-${pad(b[3] as number)}`;
  return object("datetime.date", `datetime.date(${text})`, [str(text)]);
};

const time: Handler = (i, c, depth) => {
  const b = asBytes(i.args[0]);
  if (b?.length !== 6) return undefined;
  const us = ((b[3] as number) << 16) | ((b[4] as number) << 8) | (b[5] as number);
  const text = `${pad((b[0] as number) & 0x7f)}:${pad(b[1] as number)}:${pad(b[2] as number)}${us ? `.${pad(us, 6)}` : ""}`;
  const tz = tzPart(i.args[1], c, depth);
  return object(
    "datetime.time",
    `datetime.time(${text}${tz.text})`,
    [str(text)],
    tz.node ? [["tzinfo", tz.node]] : [],
  );
};

const timedelta: Handler = (i) => {
  const [days = 0, seconds = 0, us = 0] = i.args.map(num);
  if (i.args.length > 3 || [days, seconds, us].some((x) => x === undefined)) return undefined;
  const parts = [
    days ? `days=${days}` : "",
    seconds ? `seconds=${seconds}` : "",
    us ? `microseconds=${us}` : "",
  ].filter(Boolean);
  return object(
    "datetime.timedelta",
    `datetime.timedelta(${parts.join(", ") || "0"})`,
    [],
    [
      ["days", { k: "int", v: String(days) }],
      ["seconds", { k: "int", v: String(seconds) }],
      ["microseconds", { k: "int", v: String(us) }],
    ],
  );
};

const timezone: Handler = (i, c, depth) => {
  const offset = c.node(i.args[0] ?? null, depth + 1);
  const name = i.args[1];
  const zero = offset.k === "object" && offset.repr === "datetime.timedelta(0)";
  if (zero && (name === undefined || name === null))
    return object("datetime.timezone", "datetime.timezone.utc", [offset]);
  const args = [offset, ...(typeof name === "string" ? [str(name)] : [])];
  return object("datetime.timezone", `datetime.timezone(${args.map(reprOf).join(", ")})`, args);
};

const zoneinfo: Handler = (i) => {
  const key = i.args[0];
  if (typeof key !== "string") return undefined;
  return object("zoneinfo.ZoneInfo", `zoneinfo.ZoneInfo(key=${reprOf(str(key))})`, [str(key)]);
};

const pytzZone: Handler = (i) => {
  const zone = i.args[0];
  if (typeof zone !== "string") return undefined;
  return object("pytz.timezone", `pytz.timezone(${reprOf(str(zone))})`, [str(zone)]);
};

// ---- decimal, uuid -----------------------------------------------------------------------------

const uuid: Handler = (i) => {
  const state = i.state;
  if (!(state instanceof PyDict)) return undefined;
  const n = state.get("int");
  if (!isInt(n) || n < 0 || BigInt(n) >= 1n << 128n) return undefined;
  const h = BigInt(n).toString(16).padStart(32, "0");
  const text = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return object("uuid.UUID", `UUID('${text}')`, [str(text)]);
};

const HANDLERS = new Map<string, Handler>([
  ["builtins.set", setOf("set")],
  ["builtins.frozenset", setOf("frozenset")],
  ["builtins.bytearray", bytearray],
  ["builtins.bytes", codecsEncode],
  ["builtins.complex", complex],
  ["builtins.slice", asWritten("builtins.slice", "slice")],
  ["_codecs.encode", codecsEncode],
  ["collections.OrderedDict", orderedDict],
  ["collections.Counter", counter],
  ["collections.defaultdict", defaultdict],
  ["collections.deque", deque],
  ["datetime.datetime", datetime],
  ["datetime.date", date],
  ["datetime.time", time],
  ["datetime.timedelta", timedelta],
  ["datetime.timezone", timezone],
  ["zoneinfo.ZoneInfo._unpickle", zoneinfo],
  ["backports.zoneinfo.ZoneInfo._unpickle", zoneinfo],
  ["pytz._p", pytzZone],
  ["pytz._UTC", () => object("pytz.UTC", "pytz.utc")],
  ["decimal.Decimal", asWritten("decimal.Decimal", "Decimal")],
  ["uuid.UUID", uuid],
]);

/** Calls that only build data (what the summary need not warn of). */
const INERT = new Set([
  "copyreg._reconstructor",
  "copyreg.__newobj__",
  "copyreg.__newobj_ex__",
  // An attribute of a class (how protocol 4 names `ZoneInfo._unpickle`); a call of what it
  // finds is recorded under the dotted name (`os.system`).
  "builtins.getattr",
]);

export const handlerFor = (name: string): Handler | undefined => HANDLERS.get(name);
export const isKnownCall = (name: string): boolean => HANDLERS.has(name) || INERT.has(name);
