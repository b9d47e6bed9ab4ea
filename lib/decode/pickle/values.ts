// The inert Python values the pickle machine (reader.ts) builds: plain data, mutable only the way
// the opcodes mutate them (APPENDS/SETITEMS/BUILD may act on a memoized object after it is
// shared). Calls and classes are records of what an unpickler would have done, never done.
// ints are JS numbers (always integral) or bigints; floats are boxed so 3 and 3.0 stay apart.

export type Py =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyFloat
  | PyBytes
  | PyHugeInt
  | PyList
  | PyTuple
  | PyDict
  | PySet
  | PyGlobal
  | PyCall
  | PyOpaque
  | PyCut;

export class PyFloat {
  constructor(readonly v: number) {}
}

/**
 * bytes; a bytearray (BYTEARRAY8); or a Python 2 `str` (STRING/BINSTRING), which is bytes that
 * is usually text: shown as text when it is UTF-8, kept as bytes for packed states (datetime).
 */
export class PyBytes {
  constructor(
    readonly b: Uint8Array,
    readonly kind: "bytes" | "bytearray" | "py2str" = "bytes",
  ) {}
}

/** An int too long to print exactly within the time limit (LONG1/LONG4 past HUGE_INT_BYTES). */
export class PyHugeInt {
  constructor(
    readonly bytes: number,
    readonly negative: boolean,
  ) {}
}

export class PyList {
  constructor(readonly items: Py[] = []) {}
}

export class PyTuple {
  constructor(readonly items: Py[]) {}
}

/** A dict: keys and values in insertion order; a key set again replaces its value in place. */
export class PyDict {
  // Two parallel arrays rather than [key, value] pairs: a 1 MiB pickle holds 100k entries.
  readonly keys: Py[] = [];
  readonly values: Py[] = [];
  // Small dicts (most cached ones) find a repeated key by a scan; larger ones build an index.
  private index: Map<string, number> | undefined;
  set(key: Py, value: Py): void {
    const n = this.keys.length;
    if (n < 16) {
      for (let i = 0; i < n; i++)
        if (sameKey(this.keys[i] as Py, key)) {
          this.values[i] = value;
          return;
        }
    } else {
      if (!this.index) {
        this.index = new Map();
        for (let i = 0; i < n; i++) {
          const k = hashKey(this.keys[i] as Py);
          if (k !== undefined) this.index.set(k, i);
        }
      }
      const k = hashKey(key);
      if (k !== undefined) {
        const at = this.index.get(k);
        if (at !== undefined) {
          this.values[at] = value;
          return;
        }
        this.index.set(k, n);
      }
    }
    this.keys.push(key);
    this.values.push(value);
  }
  /** The value of a str key (for reading a known state's attributes). */
  get(key: string): Py | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }
  pairs(): [Py, Py][] {
    return this.keys.map((k, i) => [k, this.values[i] as Py]);
  }
}

function sameKey(a: Py, b: Py): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === "string" || tb === "string" || ta === "object" || tb === "object") return false;
  // int, bigint and bool keys compare by value, as Python's do (1 == 1n == True).
  return Number(a) === Number(b) && BigInt(a as number) === BigInt(b as number);
}

/** Python's equality for the keys that are easy to compare (True == 1, 1 == 1.0 aside). */
function hashKey(key: Py): string | undefined {
  if (typeof key === "string") return `s${key}`;
  if (typeof key === "number" || typeof key === "bigint") return `i${key}`;
  if (typeof key === "boolean") return key ? "i1" : "i0";
  return undefined;
}

export class PySet {
  constructor(
    readonly items: Py[],
    readonly frozen: boolean,
  ) {}
}

/** A class or function named by GLOBAL/STACK_GLOBAL/INST: never imported. */
export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  get qualified(): string {
    return `${this.module}.${this.name}`;
  }
}

/**
 * What REDUCE/NEWOBJ/NEWOBJ_EX/INST/OBJ would have called, with what BUILD, APPENDS and SETITEMS
 * would then have done to the result.
 */
export class PyCall {
  state: Py | undefined;
  listitems: Py[] | undefined;
  dictitems: [Py, Py][] | undefined;
  constructor(
    readonly fn: Py,
    readonly args: Py[],
    readonly kind: "reduce" | "newobj" | "inst" | "obj",
    readonly kwargs?: Py,
  ) {}
}

/** What the machine did not keep (past what the tree can show): shown as a `cut`. */
export class PyCut {}
export const CUT = new PyCut();

/** What the pickle refers to outside itself: persistent ids, extension codes, buffers. */
export class PyOpaque {
  constructor(
    readonly kind: "persid" | "ext" | "buffer",
    readonly value: Py = null,
    public readonly_ = false,
  ) {}
}

// Python 2's names as Python 3 knows them (CPython's Lib/_compat_pickle.py, the modules a
// cached value names): what an unpickler with fix_imports reads, and what Python 3 itself writes
// at protocols 0-2 (`__builtin__.set`, `copy_reg._reconstructor`, `commands.Popen`).
const PY2_MODULES: Record<string, string> = {
  __builtin__: "builtins",
  copy_reg: "copyreg",
  exceptions: "builtins",
  commands: "subprocess",
  Queue: "queue",
  UserDict: "collections",
  UserList: "collections",
  UserString: "collections",
  _abcoll: "collections.abc",
  cPickle: "pickle",
  StringIO: "io",
  cStringIO: "io",
  urlparse: "urllib.parse",
  urllib2: "urllib.request",
  httplib: "http.client",
  Cookie: "http.cookies",
  cookielib: "http.cookiejar",
  thread: "_thread",
  ConfigParser: "configparser",
  SocketServer: "socketserver",
};
const PY2_NAMES: Record<string, string> = {
  "__builtin__.unicode": "builtins.str",
  "__builtin__.long": "builtins.int",
  "__builtin__.xrange": "builtins.range",
  "__builtin__.unichr": "builtins.chr",
  "__builtin__.basestring": "builtins.str",
  "__builtin__.reduce": "functools.reduce",
  "__builtin__.intern": "sys.intern",
  "UserDict.IterableUserDict": "collections.UserDict",
};

/** A global's module and name as Python 3 knows them. */
export function py3Name(module: string, name: string): [string, string] {
  const renamed = PY2_NAMES[`${module}.${name}`];
  if (renamed) {
    const dot = renamed.lastIndexOf(".");
    return [renamed.slice(0, dot), renamed.slice(dot + 1)];
  }
  return [PY2_MODULES[module] ?? module, name];
}

/** The dotted name of a callable: a global, or `getattr(x, 'name')` / `__import__('m')` of one. */
export function callableName(fn: Py, depth = 0): string | undefined {
  if (fn instanceof PyGlobal) return fn.qualified;
  if (!(fn instanceof PyCall) || depth > 4) return undefined;
  const inner = callableName(fn.fn, depth + 1);
  const [a, b] = fn.args;
  if (inner === "builtins.getattr" && typeof b === "string") {
    const base = callableName(a ?? null, depth + 1) ?? (typeof a === "string" ? a : undefined);
    return base === undefined ? undefined : `${base}.${b}`;
  }
  if (
    (inner === "builtins.__import__" || inner === "importlib.import_module") &&
    typeof a === "string"
  )
    return a;
  return undefined;
}
