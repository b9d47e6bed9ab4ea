import { describe, expect, it } from "vitest";
import {
  PyFloat,
  PyObject,
  PyTuple,
  pickle,
  pyJson,
  pyRepr,
} from "@/scripts/lib/python-formats.mjs";
import { loadFixture } from "@/scripts/lib/seed-demo.mjs";
import { cpythonPickles, djangoResponse, unpickle } from "@/test/pickles";

// pickle() must write what CPython writes, byte for byte: django-redis and Django's cache read
// these values back with pickle.loads, and Keyscope's viewers show the bytes as they are.
// Hex, so a failure shows where the bytes part.

const fixture = loadFixture();
const b64 = (s: string) => Buffer.from(s, "base64");
const fixtureBytes = (key: string) => {
  const e = fixture.find((x) => b64(x.key).toString("utf8") === key);
  if (!e) throw new Error(`fixture has no ${key}`);
  return b64(e.value as string);
};
const hex = (b: Buffer) => b.toString("hex");

const safe = (html: string) => new PyObject("django.utils.safestring", "SafeString", [html]);
const utc = (...p: [number, number, number, number, number, number, number?]) =>
  new Date(Date.UTC(p[0], p[1] - 1, p[2], p[3], p[4], p[5], p[6] ?? 0));

/** The JS spelling of each case in fixtures/cpython-pickles.py, with the same names. */
const CASES: Record<string, unknown> = {
  ints: [
    0,
    255,
    256,
    65535,
    65536,
    -1,
    -129,
    2 ** 31 - 1,
    -(2 ** 31),
    2 ** 31,
    -(2 ** 31) - 1,
    2n ** 63n,
    -(2n ** 70n),
    2n ** 64n - 1n,
  ],
  // An integral JS number is an int to pickle(); PyFloat says float.
  floats: [1.5, -0.25, new PyFloat(1e300), new PyFloat(3), 0.1],
  strings: ["", "grüß dich", "🗝", "x".repeat(300)],
  bytes: [
    Buffer.alloc(0),
    Buffer.from([0x00, 0xff]),
    Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from("ab")]),
  ],
  constants: [null, true, false],
  tuples: [[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4]].map((t) => new PyTuple(t)),
  nested: { empty_list: [], one: [1], deep: [1, [2, { c: null }]], empty_dict: {} },
  datetime: utc(2026, 11, 21, 23, 18, 57, 123),
  safe_string: safe('<div class="nav">…k3j2h1g0f9e8…</div>'),
  safe_strings: [safe("a"), safe("b")],
  long_memo: [...Array.from({ length: 300 }, (_, i) => `s${i}`), safe("a"), safe("b")],
  product: {
    id: 100,
    name: "Quiet Lamp",
    price: new PyFloat(12.5),
    tags: ["quiet", "sale"],
    updated: utc(2026, 11, 1, 8, 30, 0),
  },
  session: {
    _auth_user_id: "42",
    _auth_user_backend: "django.contrib.auth.backends.ModelBackend",
    _auth_user_hash: "ab".repeat(32),
    cart: ["lamp-3", "desk-9"],
    last_visit: utc(2026, 11, 20, 17, 5, 9),
  },
  anonymous_session: { django_language: "de", visits: 7 },
  article: { title: "Quiet article 3", published: utc(2026, 11, 30, 21, 0, 0), views: 81234 },
};

describe("pickle", () => {
  const cpython = cpythonPickles();

  it("has a JS case for every CPython case, and the other way round", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(cpython).sort());
  });

  it.each(Object.keys(CASES))("writes %s as CPython 3 does (protocol 4)", (name) => {
    expect(hex(pickle(CASES[name]))).toBe(hex(cpython[name] as Buffer));
  });

  it("writes the fixture's values as Django 5.2 did", () => {
    const cases: [string, unknown][] = [
      [
        ":1:django.contrib.sessions.cache5t1v7mhcijurnavmofv5zlea3bt3yf68",
        { _auth_user_id: "23", cart: ["book-9", "pen-3"] },
      ],
      [":1:profile:7", { name: "Grace Hopper", visits: 3, tags: ["navy", "compilers"] }],
      [":1:flag", true],
      [":1:greeting", "grüß dich"],
      [":1:ratio", 1.5],
      [":2:feature", "on"],
      [
        ":1:views.decorators.cache.cache_header..0869e56fd9f8426621502985cd316396.en-us.America/Chicago",
        [],
      ],
      [
        ":1:views.decorators.cache.cache_page..GET.0869e56fd9f8426621502985cd316396.d41d8cd98f00b204e9800998ecf8427e.en-us.America/Chicago",
        djangoResponse("Sat, 21 Nov 2026 23:18:57 GMT", 60, Buffer.from("<h1>landing page</h1>")),
      ],
    ];
    for (const [key, value] of cases) expect(hex(pickle(value)), key).toBe(hex(fixtureBytes(key)));
  });

  it("reads back, with a real unpickler, as the value it was given", () => {
    for (const name of ["strings", "bytes", "constants", "nested", "session", "article"]) {
      expect(unpickle(pickle(CASES[name])), name).toEqual(CASES[name]);
    }
  });
});

describe("pyJson and pyRepr", () => {
  it("write JSON and repr() like CPython (the fixture's Celery message)", () => {
    const celery = fixture.find((x) => b64(x.key).toString() === "celery");
    const [raw] = (celery?.value ?? []) as string[];
    const text = b64(raw as string).toString();
    expect(pyJson(JSON.parse(text))).toBe(text);
    expect(pyRepr(new PyTuple([501]))).toBe("(501,)");
    expect(pyRepr({ email: "grace@example.org" })).toBe("{'email': 'grace@example.org'}");
  });
});
