import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { config } from "@/lib/config";

// Synchronous reads and writes of auth's files in the data directory. proxy.ts and the guard
// verify sessions synchronously, and lib/data-dir.ts is async and `server-only` (proxy.ts cannot
// import it), so auth keeps the same rules here: directory 700, files 600 whatever the umask,
// written through a temp file so a reader never sees half of one.

function dirReady(): string {
  const dir = config().dataDir;
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) chmodSync(dir, 0o700);
  return dir;
}

function writeTemp(dir: string, name: string, data: string): string {
  const temp = join(dir, `${name}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/** The file's text, or null when it does not exist. */
export function readAuthFile(name: string): string | null {
  try {
    return readFileSync(join(config().dataDir, name), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** Replaces the file in one step. */
export function writeAuthFile(name: string, data: string): void {
  const dir = dirReady();
  const temp = writeTemp(dir, name, data);
  try {
    renameSync(temp, join(dir, name));
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Creates the file only if it does not exist yet and answers what is there afterwards: two
 * processes starting on one data directory agree on one secret (link fails when the name is
 * taken, where rename would replace it).
 */
export function createAuthFileOnce(name: string, data: string): string {
  const dir = dirReady();
  const temp = writeTemp(dir, name, data);
  try {
    linkSync(temp, join(dir, name));
    return data;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return readFileSync(join(dir, name), "utf8");
  } finally {
    rmSync(temp, { force: true });
  }
}
