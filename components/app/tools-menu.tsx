"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { useDismiss } from "@/hooks/use-dismiss";
import { TOOLS, toolHref, toolOfPath } from "@/lib/tools";

/**
 * The debugging tools behind one header button, so seven of them keep the header as simple as
 * two: the button names the tool that is open, the menu lists all with a line each.
 */
export function ToolsMenu({ conn, db }: { conn: string; db: number | null }) {
  const pathname = usePathname();
  const current = toolOfPath(pathname);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, box);
  // Closes when a link is followed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger
  useEffect(() => setOpen(false), [pathname]);
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className={cn(
          "flex items-center gap-1 rounded-md px-2 py-1 text-sm",
          current
            ? "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
            : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
        )}
      >
        {current ? `Tools: ${current.label}` : "Tools"}
        <span aria-hidden className="text-[10px]">
          ▾
        </span>
      </button>
      {open && (
        <div
          role="menu"
          aria-label="Tools"
          className="absolute left-0 top-full z-40 mt-1 w-80 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {TOOLS.map((t) => (
            <Link
              key={t.id}
              role="menuitem"
              href={toolHref(t, conn, db ?? 0)}
              aria-current={current?.id === t.id ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-2 hover:bg-zinc-100 dark:hover:bg-zinc-800",
                current?.id === t.id && "bg-zinc-100 dark:bg-zinc-800",
              )}
            >
              <div className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{t.label}</div>
              <div className="text-xs text-zinc-500 dark:text-zinc-400">{t.summary}</div>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
