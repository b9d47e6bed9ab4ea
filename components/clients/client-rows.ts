import type { ClientRow } from "@/lib/schemas/diagnostics";

// Filtering and sorting of the clients table, apart from the components so they read plainly.

export type SortKey =
  | "id"
  | "addr"
  | "name"
  | "ageSeconds"
  | "idleSeconds"
  | "db"
  | "cmd"
  | "flags"
  | "user"
  | "memoryBytes"
  | "node";
export type Sort = { key: SortKey; desc: boolean };

export type ClientFilter = { text: string; flags: string; db: string };

/** Text over address, name, last command, user and node; flags as letters all present; one db. */
export function filterClients(rows: readonly ClientRow[], f: ClientFilter): ClientRow[] {
  const text = f.text.trim().toLowerCase();
  const flags = f.flags.trim();
  return rows.filter(
    (c) =>
      (text === "" ||
        [c.addr, c.name, c.cmd, c.user ?? "", c.node ?? ""].some((v) =>
          v.toLowerCase().includes(text),
        )) &&
      (flags === "" || [...flags].every((l) => c.flags.includes(l))) &&
      (f.db === "" || c.db === Number(f.db)),
  );
}

export function sortClients(rows: readonly ClientRow[], { key, desc }: Sort): ClientRow[] {
  const sign = desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key] ?? null;
    const y = b[key] ?? null;
    if (x === y) return a.id - b.id;
    if (x === null) return 1; // unknown values last, whatever the direction
    if (y === null) return -1;
    return typeof x === "number" && typeof y === "number"
      ? (x - y) * sign
      : String(x).localeCompare(String(y)) * sign;
  });
}
