"use client";
import { useParams, usePathname } from "next/navigation";
import { useEffect } from "react";
import { ConsolePanel } from "./console-panel";
import { setConsoleOpen, toggleConsole, useConsoleOpen } from "./console-toggle";

/**
 * The console as a drawer at the bottom of every page of a connection, opened by the header's
 * Console button or Ctrl+` (as in VS Code). Not on the console's own page.
 */
export function ConsoleDrawer({ conn }: { conn: string }) {
  const open = useConsoleOpen();
  const params = useParams<{ db?: string }>();
  const pathname = usePathname();
  const db = params.db !== undefined && /^\d+$/.test(params.db) ? Number(params.db) : 0;
  const onConsolePage = pathname.endsWith("/cli");
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && (e.key === "`" || e.code === "Backquote")) {
        e.preventDefault();
        toggleConsole();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  if (!open || onConsolePage) return null;
  return (
    <div
      className="flex h-[40vh] min-h-48 shrink-0 flex-col border-t-2 border-indigo-500/60"
      data-testid="console-drawer"
    >
      <ConsolePanel conn={conn} db={db} autoFocus onClose={() => setConsoleOpen(false)} />
    </div>
  );
}
