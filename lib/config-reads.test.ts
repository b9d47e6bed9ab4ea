import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ENV_NAMES } from "./config";

// Configuration is read once, in lib/config.ts: these tests fail when any other code reads
// process.env, and when the README's table and the schema disagree.

const root = fileURLToPath(new URL("..", import.meta.url));

// Next's own variables, inlined at build time: they say which runtime and mode the code is in,
// not how Keyscope is configured.
const NEXT_OWN = new Set(["NODE_ENV", "NEXT_RUNTIME"]);

// Launchers run under plain Node 20, before and outside the app, so they cannot import
// lib/config.ts (TypeScript). They read only these of its variables, which the schema still
// parses at start-up (instrumentation.ts, before the server listens), so a bad value stops it:
// scripts/server.mjs needs HOST, PORT and the exposure/proxy flags to open its socket, and
// whether to answer API reads itself (KEYSCOPE_API_FAST_PATH);
// next.config.mjs, start and test need the build directory; start names REDIS_URL in its banner;
// demo picks its own HOST and PORT for the child it starts.
const LAUNCHER_READS = new Set([
  "HOST",
  "PORT",
  "KEYSCOPE_PASSWORD",
  "KEYSCOPE_INSECURE",
  "KEYSCOPE_TRUST_PROXY",
  "KEYSCOPE_DIST_DIR",
  "KEYSCOPE_API_FAST_PATH",
  "REDIS_URL",
]);
// Dynamic reads: the bench's knob parsers take BENCH_* names; the bench's command line lists them.
const DYNAMIC_READS = new Set(["scripts/bench/util.mjs", "scripts/bench.mjs"]);
// The scripts' own knobs (bench, demo, test runner), documented where their command is.
const SCRIPT_DOCS = ["README.md", "docs/benchmarks.md", "docs/demo.md"];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(rel);
  }
  return out;
}

type Read = { file: string; name: string | null; how: "name" | "index" | "whole" };

function reads(file: string): Read[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/process\.env(?:\.([A-Za-z_]\w*)|(\[))?/g)].map((m) => ({
    file,
    name: m[1] ?? null,
    how: m[1] ? "name" : m[2] ? "index" : "whole",
  }));
}

const app = [
  ...["app", "components", "hooks", "lib"].flatMap(sources),
  "proxy.ts",
  "instrumentation.ts",
];
const launchers = [...sources("scripts"), "next.config.mjs"];

describe("configuration is read in lib/config.ts only", () => {
  it("finds no process.env in the app outside lib/config.ts but Next's own variables", () => {
    const found = app
      .filter((f) => f !== "lib/config.ts")
      .flatMap(reads)
      .filter((r) => !(r.how === "name" && r.name && NEXT_OWN.has(r.name)));
    expect(found).toEqual([]);
    expect(app).toContain("lib/redis/scan.ts"); // the walk reaches the modules that used to read
  });

  it("lets launchers read only the listed config variables and their own documented knobs", () => {
    const docs = SCRIPT_DOCS.map((d) => readFileSync(join(root, d), "utf8")).join("\n");
    const bad = launchers.flatMap(reads).filter((r) => {
      if (r.how === "whole") return false; // handing the environment to a child process
      if (r.how === "index") return !DYNAMIC_READS.has(r.file);
      const name = r.name as string;
      if (NEXT_OWN.has(name) || name === "npm_lifecycle_event") return false;
      if (LAUNCHER_READS.has(name)) return false;
      // A script's own knob must not be a config variable read behind the schema's back.
      return (ENV_NAMES as string[]).includes(name) || !docs.includes(name);
    });
    expect(bad).toEqual([]);
    for (const name of LAUNCHER_READS) expect(ENV_NAMES).toContain(name);
  });
});

describe("the README", () => {
  it("lists every configuration variable, and no other, in its table", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration"));
    const table = section.slice(0, section.indexOf("\n\n", section.indexOf("| variable")));
    const listed = [...table.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...ENV_NAMES].sort());
  });
});
