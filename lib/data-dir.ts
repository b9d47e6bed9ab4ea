// Not `server-only`: proxy.ts verifies sessions, whose secret and revocations live here (it runs
// in Node.js). node:fs keeps it out of any client bundle anyway.
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
import { appendFile, chmod, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { config } from "@/lib/config";
import { processState } from "@/lib/process-state";

// The one module that writes Keyscope's files: the data directory (KEYSCOPE_DATA_DIR, default
// ./data) holds the audit log, the session secret and revocations, and next reports and saved
// connections. They name keys, clients and connection URLs, so the directory is 700 and every
// file 600: readable by the user Keyscope runs as and nobody else, whatever the umask. The
// small session files are read and written synchronously (proxy.ts and the guard verify
// sessions synchronously); everything else asynchronously.

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** The data directory's absolute path (not created yet: see ensureDir). */
export function dataDir(): string {
  return config().dataDir;
}

/** The path of one file in the data directory; names are plain file names, never paths. */
export function dataPath(name: string): string {
  if (!name || name !== basename(name) || name === "." || name === "..")
    throw new Error(`data file names are plain names, got "${name}"`);
  return join(dataDir(), name);
}

const ready = processState("dataDirsReady", () => new Map<string, Promise<void>>());

/**
 * Creates a directory (and its parents) with mode 700. A directory that already exists is left
 * as it is (KEYSCOPE_DATA_DIR may point somewhere shared on purpose), with a warning when others
 * can read it.
 */
export function ensureDir(dir: string): Promise<void> {
  let p = ready.get(dir);
  if (!p) {
    p = makeDir(dir);
    ready.set(dir, p);
    p.catch(() => ready.delete(dir)); // retry next time, e.g. after the operator fixes it
  }
  return p;
}

async function makeDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: DIR_MODE });
  // mkdir's mode is masked by the umask; the directory we just made gets exactly 700.
  if (created !== undefined) return chmod(dir, DIR_MODE);
  const { mode } = await stat(dir);
  if (mode & 0o077 && dir === dataDir())
    console.warn(
      `[keyscope] the data directory ${dir} is readable by others (mode ${octal(mode)})`,
    );
}

const octal = (mode: number) => (mode & 0o777).toString(8);

/** Appends to a file (created 600, its directory 700 if missing): the audit log's write. */
export async function appendPrivate(path: string, data: string | Uint8Array): Promise<void> {
  await ensureDir(dirname(path));
  await appendFile(path, data, { mode: FILE_MODE });
}

/**
 * Rotates an append-only file by renaming (the audit log): `path.{keep-1}` → `path.{keep}`, …,
 * `path` → `path.1`; the old `path.{keep}` is replaced, so at most `keep` old files remain. A
 * rename keeps the file itself (its inode), so a reader's place in it stays valid.
 */
export async function rotateFiles(path: string, keep: number): Promise<void> {
  const missingOk = (e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOENT") throw e;
  };
  for (let n = keep - 1; n >= 1; n--)
    await rename(`${path}.${n}`, `${path}.${n + 1}`).catch(missingOk);
  await rename(path, `${path}.1`).catch(missingOk);
}

/**
 * Replaces a data file in one step: readers see the old content or the new, never half of it,
 * even if the process dies mid-write (temp file in the same directory, fsync, rename).
 */
export async function writeFileAtomic(name: string, data: string | Uint8Array): Promise<void> {
  await writePrivateFileAtomic(dataPath(name), data);
}

/**
 * writeFileAtomic for a file in a subdirectory of the data directory (reports/<conn>/<id>.json):
 * the caller builds `target` from names it has validated.
 */
export async function writePrivateFileAtomic(
  target: string,
  data: string | Uint8Array,
): Promise<void> {
  await ensureDir(dirname(target));
  const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  const file = await open(temp, "wx", FILE_MODE);
  try {
    await file.writeFile(data);
    await file.sync();
  } catch (e) {
    await file.close();
    await rm(temp, { force: true });
    throw e;
  }
  await file.close();
  await rename(temp, target);
}

// ── Synchronous, for the session files ──

function ensureDataDirSync(): string {
  const dir = dataDir();
  const created = mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  if (created !== undefined) chmodSync(dir, DIR_MODE);
  return dir;
}

/** Writes a temp file beside `name` (600, fsynced) and returns its path. */
function writeTempSync(name: string, data: string): string {
  const temp = `${join(ensureDataDirSync(), name)}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temp, "wx", FILE_MODE);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/** A data file's text, or null when it does not exist. */
export function readDataFileSync(name: string): string | null {
  try {
    return readFileSync(dataPath(name), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** writeFileAtomic, synchronously. */
export function writeFileAtomicSync(name: string, data: string): void {
  const temp = writeTempSync(name, data);
  try {
    renameSync(temp, dataPath(name));
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
export function createDataFileOnceSync(name: string, data: string): string {
  const temp = writeTempSync(name, data);
  try {
    linkSync(temp, dataPath(name));
    return data;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return readFileSync(dataPath(name), "utf8");
  } finally {
    rmSync(temp, { force: true });
  }
}
