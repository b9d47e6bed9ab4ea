"use client";
import Link from "next/link";
import { useParams, usePathname, useRouter } from "next/navigation";
import { SessionMenu } from "@/components/auth/session-menu";
import { COLOR_CLASSES, ColorDot } from "@/components/connections/colors";
import { ConsoleButton } from "@/components/console/console-button";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/input";
import { useConnections } from "@/hooks/use-connections";
import type { ConnectionSummary } from "@/lib/schemas/connections";
import { DbPicker } from "./db-picker";
import { ToolsMenu } from "./tools-menu";

// A value no connection id can have (ids are letters, digits, "-" and "_").
const MANAGE = "/manage";

/** Top bar: product, connection switcher, database picker, and the connection's mode. */
export function AppHeader({ conn }: { conn: string }) {
  const params = useParams<{ db?: string }>();
  const db = params.db !== undefined && /^\d+$/.test(params.db) ? Number(params.db) : null;
  const router = useRouter();
  const connections = useConnections();
  const current = connections.data?.connections.find((c) => c.id === conn);
  const color = current?.color;
  return (
    <header
      data-testid="app-header"
      data-production={current?.production || undefined}
      data-color={color}
      className={cn(
        "flex h-12 shrink-0 items-center gap-3 border-b border-zinc-200 px-4 dark:border-zinc-800",
        // The connection's colour as a band along the top, and a red tint on production, so
        // which server this is stays in sight on every page of it.
        color && `border-t-4 ${COLOR_CLASSES[color].band}`,
        current?.production &&
          "border-b-2 border-b-red-500 bg-red-50 dark:border-b-red-600 dark:bg-red-950/40",
      )}
    >
      <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
        <img src="/favicon.svg" alt="" className="size-6" />
        Keyscope
      </Link>
      <span className="text-zinc-300 dark:text-zinc-700">/</span>
      <ColorDot color={color} />
      <Select
        aria-label="Connection"
        value={conn}
        onChange={(e) =>
          router.push(
            e.target.value === MANAGE
              ? "/connections"
              : `/c/${encodeURIComponent(e.target.value)}/db/0`,
          )
        }
        className="w-52 text-xs"
      >
        {(connections.data?.connections ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
        {!current && <option value={conn}>{conn}</option>}
        <option disabled>──────────</option>
        <option value={MANAGE}>Manage connections…</option>
      </Select>
      <DbPicker conn={conn} db={db} />
      <SectionNav conn={conn} db={db} mode={current?.mode ?? "standalone"} />
      <ToolsMenu conn={conn} db={db} />
      <ConsoleButton />
      {current?.readOnly && <Badge tone="amber">read-only</Badge>}
      {current?.production && (
        <Badge
          tone="red"
          className="bg-red-600 px-2 py-1 text-[11px] text-white dark:bg-red-600 dark:text-white"
        >
          production
        </Badge>
      )}
      <SessionMenu />
    </header>
  );
}

/**
 * Keys | Overview | Memory (| Cluster or | Sentinel, on such a connection only): the connection's main
 * views, the current one marked (tools: ToolsMenu).
 */
function SectionNav({
  conn,
  db,
  mode,
}: {
  conn: string;
  db: number | null;
  mode: ConnectionSummary["mode"];
}) {
  const pathname = usePathname();
  const base = `/c/${encodeURIComponent(conn)}`;
  const links = [
    {
      href: `${base}/db/${db ?? 0}`,
      label: "Keys",
      active: /^\/db\/\d+\/?$/.test(pathname.slice(base.length)),
    },
    { href: `${base}/overview`, label: "Overview", active: pathname === `${base}/overview` },
    {
      href: `${base}/analysis`,
      label: "Memory",
      active: /^\/analysis(\/|$)/.test(pathname.slice(base.length)),
    },
    ...(mode === "cluster"
      ? [{ href: `${base}/cluster`, label: "Cluster", active: pathname === `${base}/cluster` }]
      : []),
    ...(mode === "sentinel"
      ? [{ href: `${base}/sentinel`, label: "Sentinel", active: pathname === `${base}/sentinel` }]
      : []),
  ];
  return (
    <nav aria-label="Views" className="flex items-center gap-1 text-sm">
      {links.map((l) => (
        <Link
          key={l.label}
          href={l.href}
          aria-current={l.active ? "page" : undefined}
          className={cn(
            "rounded-md px-2 py-1",
            l.active
              ? "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
              : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
          )}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
