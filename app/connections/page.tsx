import Link from "next/link";
import { listConnections } from "@/lib/redis/connections";

export const dynamic = "force-dynamic";

export default function ConnectionsPage() {
  const connections = listConnections();
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="mb-4 text-xl font-semibold">Connections</h1>
      <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {connections.map((c) => (
          <li key={c.id}>
            <Link
              href={`/c/${encodeURIComponent(c.id)}/db/0`}
              className="flex items-center justify-between px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-900"
            >
              <span className="font-medium">{c.name}</span>
              <span className="text-xs text-zinc-500">
                {c.id}
                {c.readOnly && " · read-only"}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
