"use client";
import { usePathname, useRouter } from "next/navigation";
import { Select } from "@/components/ui/input";
import { useDatabases } from "@/hooks/use-connections";
import { formatCount } from "@/lib/format";

/** Every database with its key count; switching is a client-side navigation, not a reload. */
export function DbPicker({ conn, db }: { conn: string; db: number | null }) {
  const router = useRouter();
  const pathname = usePathname();
  // A per-database tool (the console, keyspace events) stays open on the new database.
  const tail = /^\/c\/[^/]+\/db\/\d+(\/[a-z]+)\/?$/.exec(pathname)?.[1] ?? "";
  const databases = useDatabases(conn);
  const list =
    databases.data?.databases ?? (db === null ? [] : [{ db, keys: 0, expires: 0, avgTtlMs: 0 }]);
  return (
    <Select
      aria-label="Database"
      value={db ?? ""}
      onChange={(e) => router.push(`/c/${encodeURIComponent(conn)}/db/${e.target.value}${tail}`)}
      className="w-52 font-mono text-xs"
    >
      {db === null && <option value="">Database…</option>}
      {list.map((d) => (
        <option key={d.db} value={d.db}>
          db{d.db} {databases.data ? `· ${formatCount(d.keys)} keys` : ""}
        </option>
      ))}
    </Select>
  );
}
