import { readFileSync } from "node:fs";
import { NameRegistry, Parser } from "pickleparser";
import { PyObject, PyTuple } from "@/scripts/lib/python-formats.mjs";

// Reading pickles back in tests: a real unpickler (pickleparser) for the structure, and the
// JS-side spelling of the values CPython pickled in fixtures/cpython-pickles.json.

/** `datetime.datetime`'s pickled state (naive, 10 bytes) as a UTC Date; refuses sub-ms parts. */
function datetimeFromState(state: Uint8Array): Date {
  const s = Buffer.from(state);
  if (s.length !== 10) throw new Error(`datetime state of ${s.length} bytes`);
  const micros = s.readUIntBE(7, 3);
  if (micros % 1000 !== 0) throw new Error(`datetime with ${micros} µs`);
  return new Date(
    Date.UTC(s.readUInt16BE(0), (s[2] ?? 0) - 1, s[3], s[4], s[5], s[6], micros / 1000),
  );
}

const names = new NameRegistry().register("datetime", "datetime", datetimeFromState);
const parser = new Parser({ nameResolver: names });

/**
 * Unpickles, after checking the framing pickleparser skips over: PROTO 4, one FRAME whose length
 * is the rest of the pickle (CPython frames anything of 4 bytes or more), STOP at the very end.
 */
export function unpickle(bytes: Buffer): unknown {
  if (bytes[0] !== 0x80 || bytes[1] !== 4) throw new Error("not a protocol 4 pickle");
  if (bytes.length - 2 >= 4) {
    if (bytes[2] !== 0x95) throw new Error("no FRAME");
    const framed = bytes.readBigUInt64LE(3);
    if (framed !== BigInt(bytes.length - 11)) throw new Error(`FRAME says ${framed} bytes`);
  }
  if (bytes.at(-1) !== 0x2e) throw new Error("does not end with STOP");
  return parser.parse(bytes);
}

/** An unpickled instance's class, as `module.name`. */
export function className(value: unknown): string {
  const proto = Object.getPrototypeOf(value) as { __module__?: string; __name__?: string };
  return `${proto.__module__}.${proto.__name__}`;
}

/** An unpickled instance's constructor arguments (what NEWOBJ got). */
export function newArgs(value: unknown): unknown[] {
  return (value as { args: unknown[] }).args;
}

/**
 * A `django.http.HttpResponse` as Django 5.2's cache_page pickles it (the fixture's entry has
 * exactly this shape): the demo's generator must write the same.
 */
export function djangoResponse(expires: string, maxAge: number, body: Buffer): PyObject {
  const header = (name: string, value: string) => new PyTuple([name, value]);
  const headers = new PyObject("django.http.response", "ResponseHeaders", [], {
    _store: {
      "content-type": header("Content-Type", "text/html; charset=utf-8"),
      expires: header("Expires", expires),
      "cache-control": header("Cache-Control", `max-age=${maxAge}`),
    },
  });
  return new PyObject("django.http.response", "HttpResponse", [], {
    headers,
    _charset: null,
    _resource_closers: [],
    _handler_class: null,
    cookies: new PyObject("http.cookies", "SimpleCookie"),
    closed: false,
    _reason_phrase: null,
    _container: [body],
  });
}

/** CPython's pickles of the cases in fixtures/cpython-pickles.py, by case name. */
export function cpythonPickles(): Record<string, Buffer> {
  const file = new URL("../fixtures/cpython-pickles.json", import.meta.url);
  const { pickles } = JSON.parse(readFileSync(file, "utf8")) as { pickles: Record<string, string> };
  return Object.fromEntries(
    Object.entries(pickles).map(([name, b64]) => [name, Buffer.from(b64, "base64")]),
  );
}
