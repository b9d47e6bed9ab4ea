import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Budget, NotThisFormat, PAGE_ITEM_LIMITS } from "../node";
import { decodeBytes } from "../registry";
import { decodePickle } from "./decoder";
import { OPCODE_PROTO, PICKLE_INPUT_MAX } from "./reader";

// Hostile and broken input: random bytes after a pickle header, every truncation of real
// pickles, and inputs made to exhaust the stack, the marks, the memo, the objects or the clock.
// None may throw out of the reader with anything but NotThisFormat, take past the time limit
// (250 ms, with slack for a loaded 2-core machine), or grow the heap without bound. And a
// 1 MiB pickle of 20k dicts decodes and renders well inside the 50 ms a value read may spend.

// Wall time on a shared 2-core machine is mostly its neighbours': the bounds are checked on
// this process's CPU time, and the wall time only loosely.
const SLACK_MS = 250 + 150;
const WALL_MS = 2000;

/** CPU milliseconds (user + system) and wall milliseconds of `fn`. */
async function measure(fn: () => Promise<unknown>): Promise<{ cpu: number; wall: number }> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await fn();
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000, wall: performance.now() - wall0 };
}

/** A seeded PRNG (mulberry32), so a failure is reproducible. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decodes forced and detected; only NotThisFormat may come out of the reader itself. */
async function survive(bytes: Uint8Array): Promise<number> {
  const { cpu, wall } = await measure(async () => {
    try {
      decodePickle(bytes, new Budget());
    } catch (e) {
      if (!(e instanceof NotThisFormat)) throw e;
    }
    for (const req of [{ format: "pickle" } as const, "auto" as const]) {
      const d = await decodeBytes(bytes, req);
      expect(d?.error ?? "").not.toMatch(/reader failed/);
    }
  });
  expect(wall).toBeLessThan(WALL_MS);
  return cpu;
}

function fixtureCases(): { name: string; b64: string; error?: string }[] {
  const file = new URL("../../../test/fixtures/pickles/pickles.json", import.meta.url);
  return JSON.parse(readFileSync(file, "utf8")).cases;
}

const OPCODES = [...OPCODE_PROTO.keys()].filter((c) => OPCODE_PROTO[c] !== 255);

describe("fuzz", () => {
  it("survives 5,000 random byte strings that start with 80 04", async () => {
    const next = rng(11);
    let worst = 0;
    for (let n = 0; n < 5000; n++) {
      const len = 2 + Math.floor(next() * 300);
      const b = new Uint8Array(len);
      b[0] = 0x80;
      b[1] = 0x04;
      // Half pure noise, half mostly opcodes with small arguments (reaches deeper states).
      const opcodey = n % 2 === 1;
      for (let i = 2; i < len; i++) {
        const r = next();
        b[i] =
          opcodey && r < 0.6
            ? (OPCODES[Math.floor(next() * OPCODES.length)] as number)
            : Math.floor(next() * (opcodey ? 8 : 256));
      }
      if (n % 3 === 0) b[len - 1] = 0x2e;
      worst = Math.max(worst, await survive(b));
    }
    expect(worst).toBeLessThan(SLACK_MS);
  });

  it("survives 3,000 real pickles with a byte or two changed", async () => {
    const next = rng(7);
    const real = fixtureCases().filter((c) => !c.error);
    let worst = 0;
    for (let n = 0; n < 3000; n++) {
      const c = real[Math.floor(next() * real.length)] as { b64: string };
      const b = Buffer.from(c.b64, "base64");
      for (let k = 0; k < 1 + (n % 2); k++)
        b[Math.floor(next() * b.length)] = Math.floor(next() * 256);
      worst = Math.max(worst, await survive(b));
    }
    expect(worst).toBeLessThan(SLACK_MS);
  });

  it("survives every truncation of 20 real pickles", async () => {
    const real = fixtureCases()
      .filter((c) => !c.error)
      .map((c) => Buffer.from(c.b64, "base64"))
      .sort((a, b) => b.length - a.length)
      .filter((_, i) => i % 6 === 0)
      .slice(0, 20);
    expect(real).toHaveLength(20);
    let worst = 0;
    for (const whole of real)
      for (let cut = 0; cut < whole.length; cut++)
        worst = Math.max(worst, await survive(whole.subarray(0, cut)));
    expect(worst).toBeLessThan(SLACK_MS);
  });
});

describe("limits", () => {
  const header = [0x80, 0x04];
  const filled = (op: number[], size = PICKLE_INPUT_MAX - 3) => {
    const b = new Uint8Array(size + 3);
    b.set(header);
    for (let i = 2; i < size + 2; i += op.length) b.set(op.slice(0, size + 2 - i), i);
    b[b.length - 1] = 0x2e;
    return b;
  };
  const cases: [string, Uint8Array, RegExp][] = [
    ["8 MiB of EMPTY_LIST (objects)", filled([0x5d]), /objects|stack|nodes/],
    ["8 MiB of NONE (stack)", filled([0x4e]), /stack/],
    ["8 MiB of MARK (marks)", filled([0x28]), /marks|not a pickle/],
    ["4M MEMOIZE of one value (memo)", filled([0x4e, 0x94]), /memo|stack/],
    ["8 MiB of EMPTY_LIST APPEND chains (depth)", filled([0x5d, 0x5d, 0x61]), /stack|nested|nodes/],
    [
      "4,000 LONG4 of 2 KiB (clock)",
      filled([0x8b, 0x00, 0x08, 0, 0, ...Array(2048).fill(0x7f)]),
      /.*/,
    ],
  ];
  it.each(cases)("%s stops in bounded time and memory", async (_, bytes, why) => {
    const heap = process.memoryUsage().heapUsed;
    let got: Awaited<ReturnType<typeof decodeBytes>> = null;
    const t = await measure(async () => {
      got = await decodeBytes(bytes, { format: "pickle" });
    });
    const d = got as Awaited<ReturnType<typeof decodeBytes>>;
    expect(t.cpu).toBeLessThan(SLACK_MS + 250);
    expect(t.wall).toBeLessThan(WALL_MS);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(300 * 1024 * 1024);
    // The time limit may stop it first on a loaded machine: that is a bound too.
    expect(`${d?.cut ?? ""} ${d?.error ?? ""}`).toMatch(new RegExp(`${why.source}|over 250 ms`));
    expect(d?.error ?? "").not.toMatch(/reader failed/);
  });

  it("refuses input over 8 MiB before reading it", async () => {
    const d = await decodeBytes(new Uint8Array(PICKLE_INPUT_MAX + 1).fill(0x4e), {
      format: "pickle",
    });
    expect(d?.error).toMatch(/over 8 MiB/);
  });

  it("checks 8-byte lengths against what is left, before allocating", async () => {
    const b = Uint8Array.from([0x80, 0x04, 0x8d, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x2e]);
    expect((await decodeBytes(b, { format: "pickle" }))?.error).toMatch(/past the end/);
  });
});

/**
 * A pickle like CPython's protocol 4 of a list of `n` dicts: keys memoized once and fetched
 * again with BINGET, APPENDS in batches of 1000.
 */
function listOfDicts(n: number): Uint8Array {
  const out = new Uint8Array(100 * n + 1024);
  let at = 0;
  const put = (...b: number[]) => {
    for (const x of b) out[at++] = x;
  };
  let memo = 1;
  const keys = new Map<string, number>();
  const s = (t: string) => {
    const b = Buffer.from(t);
    put(0x8c, b.length);
    out.set(b, at);
    at += b.length;
    put(0x94);
    return memo++;
  };
  const key = (t: string) => {
    const m = keys.get(t);
    if (m === undefined) keys.set(t, s(t));
    else put(0x68, m);
  };
  put(0x80, 0x04, 0x5d, 0x94);
  for (let i = 0; i < n; i++) {
    if (i % 1000 === 0) put(0x28);
    put(0x7d, 0x94, 0x28);
    memo++;
    key("id");
    put(0x4a, i & 0xff, (i >> 8) & 0xff, 0, 0);
    key("name");
    s(`user-${i}`);
    key("email");
    s(`user-${i}@example.org`);
    key("score");
    put(0x47, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0);
    put(0x75);
    if (i % 1000 === 999 || i === n - 1) put(0x65);
  }
  put(0x2e);
  return out.subarray(0, at);
}

describe("speed", () => {
  it("decodes and renders a 1 MiB pickle of 20k dicts in bounded CPU time", async () => {
    const bytes = listOfDicts(20_000);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    expect(bytes.length).toBeLessThan(1.5 * 1024 * 1024);
    for (let i = 0; i < 3; i++) await decodeBytes(bytes, "auto"); // warm the JIT
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t = await measure(async () => {
        const d = await decodeBytes(bytes, "auto");
        expect(d?.format).toBe("pickle");
        expect(d?.text).toContain("'user-0@example.org'");
        expect(d?.cut).toMatch(/more than 20000 nodes/);
        expect(d?.tree?.k === "list" && d.tree.items.length + (d.tree.more ?? 0)).toBe(20_000);
      });
      cpu.push(t.cpu);
      wall.push(t.wall);
    }
    // The median of 9 runs, in this process's CPU time (a loaded machine stretches wall time).
    // The bounds leave room for the other Vitest worker: on 2 cores its six-node test clusters
    // share the caches and the cores' other threads, which inflates CPU time too (47 ms seen for
    // ~23 ms alone). The figure that counts is the bench's (docs/benchmarks.md, decode).
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[4] as number;
    console.log(
      `pickle of ${bytes.length} bytes: median ${median(cpu).toFixed(1)} ms CPU, ${median(wall).toFixed(1)} ms wall`,
    );
    expect(median(cpu)).toBeLessThan(80);
    // In a page of values each gets 2,000 nodes and 50 ms: the rest of the pickle is skimmed.
    const page: number[] = [];
    for (let i = 0; i < 9; i++)
      page.push(
        (await measure(() => decodeBytes(bytes, "auto", { limits: PAGE_ITEM_LIMITS }))).cpu,
      );
    console.log(`… with a page's limits: median ${median(page).toFixed(1)} ms CPU`);
    expect(median(page)).toBeLessThan(40);
  });
});
