import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "./config";
import { appendPrivate, dataDir, dataPath, writeFileAtomic } from "./data-dir";

const root = mkdtempSync(join(tmpdir(), "keyscope-datadir-"));
const dir = join(root, "nested", "data");
let umask: number;

beforeAll(() => {
  process.env.KEYSCOPE_DATA_DIR = dir;
  resetConfigForTests();
  umask = process.umask(0); // the modes must not depend on a permissive umask
});
afterAll(() => {
  process.umask(umask);
  delete process.env.KEYSCOPE_DATA_DIR;
  resetConfigForTests();
});

const mode = (p: string) => statSync(p).mode & 0o777;

describe("the data directory", () => {
  it("is KEYSCOPE_DATA_DIR, and refuses names that are paths", () => {
    expect(dataDir()).toBe(dir);
    expect(dataPath("sessions.json")).toBe(join(dir, "sessions.json"));
    for (const bad of ["", ".", "..", "../x", "a/b", "/etc/passwd"])
      expect(() => dataPath(bad), bad).toThrow(/plain names/);
  });

  it("is created 700 and its files 600, replaced in one step", async () => {
    await writeFileAtomic("reports.json", "one");
    await writeFileAtomic("reports.json", "two");
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, "reports.json"))).toBe(0o600);
    expect(readFileSync(join(dir, "reports.json"), "utf8")).toBe("two");
    expect(readdirSync(dir)).toEqual(["reports.json"]); // no temp file left behind
  });

  it("appends to files created 600, in a directory created 700", async () => {
    const log = join(root, "elsewhere", "audit.log");
    await appendPrivate(log, "a\n");
    await appendPrivate(log, "b\n");
    expect(readFileSync(log, "utf8")).toBe("a\nb\n");
    expect(mode(log)).toBe(0o600);
    expect(mode(join(root, "elsewhere"))).toBe(0o700);
  });
});
