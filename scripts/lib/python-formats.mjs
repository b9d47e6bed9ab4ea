// Writers for the byte formats Python apps leave in Redis, so the demo data looks like what
// Django and Celery really store: pickle protocol 4 (django-redis, Django's RedisCache, sessions),
// `json.dumps` with its default separators (kombu, Celery results) and `repr()` (Celery's
// argsrepr/kwargsrepr). Only what the demo needs; python-formats.test.ts holds the output to
// CPython's bytes (fixtures/cpython-pickles.json). Not handled: containers over 1,000 items
// (CPython splits them into batches) and pickles over 64 KiB (CPython splits the frame).

/** A Python tuple (JS arrays become lists). */
export class PyTuple {
  /** @param {unknown[]} items */
  constructor(items) {
    this.items = items;
  }
}

/** A Python float even when the JS number is integral (3.0 rather than 3). */
export class PyFloat {
  /** @param {number} value */
  constructor(value) {
    this.value = value;
  }
}

/**
 * An instance rebuilt by `cls.__new__(cls, *args)` then `__setstate__(state)` / `__dict__`
 * update: what pickle writes for ordinary classes (NEWOBJ + BUILD), e.g. Django's HttpResponse.
 */
export class PyObject {
  /**
   * @param {string} module
   * @param {string} name
   * @param {unknown[]} [args]
   * @param {Record<string, unknown> | null} [state]
   */
  constructor(module, name, args = [], state = null) {
    this.module = module;
    this.name = name;
    this.args = args;
    this.state = state;
  }
}

const OP = {
  PROTO: 0x80,
  FRAME: 0x95,
  STOP: 0x2e,
  NONE: 0x4e,
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  BININT1: 0x4b,
  BININT2: 0x4d,
  BININT: 0x4a,
  LONG1: 0x8a,
  BINFLOAT: 0x47,
  SHORT_BINUNICODE: 0x8c,
  BINUNICODE: 0x58,
  SHORT_BINBYTES: 0x43,
  BINBYTES: 0x42,
  EMPTY_LIST: 0x5d,
  EMPTY_DICT: 0x7d,
  EMPTY_TUPLE: 0x29,
  MARK: 0x28,
  APPEND: 0x61,
  APPENDS: 0x65,
  SETITEM: 0x73,
  SETITEMS: 0x75,
  TUPLE: 0x74,
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  MEMOIZE: 0x94,
  BINGET: 0x68,
  LONG_BINGET: 0x6a,
  STACK_GLOBAL: 0x93,
  REDUCE: 0x52,
  NEWOBJ: 0x81,
  BUILD: 0x62,
};

/**
 * Pickles a JS value the way CPython's `pickle.dumps(value, protocol=4)` would: null → None,
 * boolean, integer number/bigint → int, PyFloat or fractional number → float, string → str,
 * Buffer → bytes, array → list, PyTuple → tuple, plain object → dict, Date → naive
 * `datetime.datetime`, PyObject → instance.
 * @param {unknown} value
 * @returns {Buffer}
 */
export function pickle(value) {
  const out = new ByteWriter();
  // Like CPython, a class is memoised once and fetched again with BINGET, and so is a module
  // name shared by several classes; other values are memoised but never looked up again (the
  // demo has no shared references).
  const memoOf = new Map();
  let memoCount = 0;
  const memoize = () => {
    out.byte(OP.MEMOIZE);
    return memoCount++;
  };
  /** @param {number} index */
  const get = (index) => {
    if (index < 256) out.byte(OP.BINGET).byte(index);
    else out.byte(OP.LONG_BINGET).u32(index);
  };

  /** @param {string} module @param {string} name */
  const saveGlobal = (module, name) => {
    const cls = memoOf.get(`class:${module}.${name}`);
    if (cls !== undefined) return get(cls);
    const mod = memoOf.get(`module:${module}`);
    if (mod === undefined) {
      saveStr(module);
      memoOf.set(`module:${module}`, memoCount - 1);
    } else {
      get(mod);
    }
    saveStr(name);
    out.byte(OP.STACK_GLOBAL);
    memoOf.set(`class:${module}.${name}`, memoize());
  };

  /** @param {string} s */
  const saveStr = (s) => {
    const bytes = Buffer.from(s, "utf8");
    if (bytes.length < 256) out.byte(OP.SHORT_BINUNICODE).byte(bytes.length);
    else out.byte(OP.BINUNICODE).u32(bytes.length);
    out.bytes(bytes);
    memoize();
  };

  /** @param {unknown[]} items */
  const saveTuple = (items) => {
    if (items.length === 0) {
      out.byte(OP.EMPTY_TUPLE);
      return;
    }
    if (items.length > 3) out.byte(OP.MARK);
    for (const item of items) save(item);
    out.byte([OP.TUPLE, OP.TUPLE1, OP.TUPLE2, OP.TUPLE3][items.length > 3 ? 0 : items.length] ?? 0);
    memoize();
  };

  /** @param {[unknown, unknown][]} entries */
  const saveDictItems = (entries) => {
    // CPython batches: one item → SETITEM, several → MARK … SETITEMS.
    if (entries.length > 1) out.byte(OP.MARK);
    for (const [k, v] of entries) {
      save(k);
      save(v);
    }
    if (entries.length === 1) out.byte(OP.SETITEM);
    else if (entries.length > 1) out.byte(OP.SETITEMS);
  };

  /** @param {bigint} n */
  const saveInt = (n) => {
    if (n >= 0n && n < 256n) out.byte(OP.BININT1).byte(Number(n));
    else if (n >= 0n && n < 65536n) out.byte(OP.BININT2).u16(Number(n));
    else if (n >= -(2n ** 31n) && n < 2n ** 31n) out.byte(OP.BININT).i32(Number(n));
    else {
      const bytes = twosComplementLE(n);
      out.byte(OP.LONG1).byte(bytes.length).bytes(bytes);
    }
  };

  /** @param {unknown} v */
  const save = (v) => {
    if (v === null || v === undefined) out.byte(OP.NONE);
    else if (v === true) out.byte(OP.NEWTRUE);
    else if (v === false) out.byte(OP.NEWFALSE);
    else if (typeof v === "bigint") saveInt(v);
    else if (typeof v === "number" && Number.isInteger(v)) saveInt(BigInt(v));
    else if (typeof v === "number") out.byte(OP.BINFLOAT).f64be(v);
    else if (v instanceof PyFloat) out.byte(OP.BINFLOAT).f64be(v.value);
    else if (typeof v === "string") saveStr(v);
    else if (Buffer.isBuffer(v)) {
      if (v.length < 256) out.byte(OP.SHORT_BINBYTES).byte(v.length);
      else out.byte(OP.BINBYTES).u32(v.length);
      out.bytes(v);
      memoize();
    } else if (Array.isArray(v)) {
      out.byte(OP.EMPTY_LIST);
      memoize();
      if (v.length > 1) out.byte(OP.MARK);
      for (const item of v) save(item);
      if (v.length === 1) out.byte(OP.APPEND);
      else if (v.length > 1) out.byte(OP.APPENDS);
    } else if (v instanceof PyTuple) saveTuple(v.items);
    else if (v instanceof Date) {
      // datetime.__reduce__ → (datetime, (10-byte state,)): year (2 bytes, big-endian), month,
      // day, hour, minute, second, microsecond (3 bytes, big-endian).
      saveGlobal("datetime", "datetime");
      const state = Buffer.alloc(10);
      state.writeUInt16BE(v.getUTCFullYear(), 0);
      state.set([v.getUTCMonth() + 1, v.getUTCDate(), v.getUTCHours()], 2);
      state.set([v.getUTCMinutes(), v.getUTCSeconds()], 5);
      state.writeUIntBE(v.getUTCMilliseconds() * 1000, 7, 3);
      save(state);
      out.byte(OP.TUPLE1);
      memoize();
      out.byte(OP.REDUCE);
      memoize();
    } else if (v instanceof PyObject) {
      saveGlobal(v.module, v.name);
      saveTuple(v.args);
      out.byte(OP.NEWOBJ);
      memoize();
      if (v.state) {
        save(v.state);
        out.byte(OP.BUILD);
      }
    } else if (typeof v === "object") {
      out.byte(OP.EMPTY_DICT);
      memoize();
      saveDictItems(Object.entries(v));
    } else {
      throw new TypeError(`pickle: unsupported value ${String(v)}`);
    }
  };

  save(value);
  out.byte(OP.STOP);
  const body = out.toBuffer();
  // Protocol 4 wraps the body in a FRAME unless it is tiny (CPython's _FRAME_SIZE_MIN is 4).
  const head = Buffer.from([OP.PROTO, 4]);
  if (body.length < 4) return Buffer.concat([head, body]);
  const frame = Buffer.alloc(9);
  frame[0] = OP.FRAME;
  frame.writeBigUInt64LE(BigInt(body.length), 1);
  return Buffer.concat([head, frame, body]);
}

/**
 * The shortest little-endian two's complement bytes of n, as pickle's LONG1 wants them.
 * @param {bigint} n
 */
function twosComplementLE(n) {
  const bytes = [];
  let x = n;
  for (;;) {
    const byte = Number(x & 0xffn);
    bytes.push(byte);
    x >>= 8n;
    const signBitSet = (byte & 0x80) !== 0;
    if ((x === 0n && !signBitSet) || (x === -1n && signBitSet)) break;
  }
  return Buffer.from(bytes);
}

/** A growable byte buffer with the few little/big-endian writers pickle needs. */
class ByteWriter {
  constructor() {
    this.buf = Buffer.alloc(256);
    this.len = 0;
  }
  /** @param {number} n */
  reserve(n) {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  /** @param {number} b */
  byte(b) {
    this.reserve(1);
    this.buf[this.len++] = b;
    return this;
  }
  /** @param {Uint8Array} bytes */
  bytes(bytes) {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }
  /** @param {number} n */
  u16(n) {
    this.reserve(2);
    this.len = this.buf.writeUInt16LE(n, this.len);
    return this;
  }
  /** @param {number} n */
  u32(n) {
    this.reserve(4);
    this.len = this.buf.writeUInt32LE(n, this.len);
    return this;
  }
  /** @param {number} n */
  i32(n) {
    this.reserve(4);
    this.len = this.buf.writeInt32LE(n, this.len);
    return this;
  }
  /** @param {number} n */
  f64be(n) {
    this.reserve(8);
    this.len = this.buf.writeDoubleBE(n, this.len);
    return this;
  }
  toBuffer() {
    return Buffer.from(this.buf.subarray(0, this.len));
  }
}

/**
 * `json.dumps(value)` as CPython writes it by default: ", " and ": " separators and non-ASCII
 * escaped as \uXXXX (ensure_ascii). kombu and Celery's result backend use exactly this.
 * @param {unknown} value
 * @returns {string}
 */
export function pyJson(value) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    return JSON.stringify(value).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  if (value instanceof PyFloat)
    return Number.isInteger(value.value) ? `${value.value}.0` : `${value.value}`;
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return `[${value.map(pyJson).join(", ")}]`;
  const items = Object.entries(value).map(([k, v]) => `${pyJson(k)}: ${pyJson(v)}`);
  return `{${items.join(", ")}}`;
}

/**
 * Python's `repr()` of simple values, for Celery's argsrepr/kwargsrepr headers.
 * @param {unknown} value
 * @returns {string}
 */
export function pyRepr(value) {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") {
    // Python quotes with ' unless the text contains ' and no ".
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value.replace(/\\/g, "\\\\").replace(new RegExp(quote, "g"), `\\${quote}`);
    return `${quote}${escaped}${quote}`;
  }
  if (typeof value !== "object") return String(value);
  if (value instanceof PyTuple) {
    const items = value.items.map(pyRepr);
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
  }
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  const items = Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`);
  return `{${items.join(", ")}}`;
}
