"use client";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { JsonBytes } from "@/lib/bytes";
import { StreamEntries } from "./stream-entries";
import { StreamGroups } from "./stream-groups";

type Props = { conn: string; db: number; keyName: JsonBytes; writable: boolean };

const TABS = { entries: "Entries", groups: "Consumer groups" } as const;

/** A stream: entries newest first (older on demand) and a tab for its consumer groups. */
export function StreamViewer({ conn, db, keyName, writable }: Props) {
  const target = { conn, db, key: keyName };
  const [tab, setTab] = useState<keyof typeof TABS>("entries");
  return (
    <div className="flex flex-col gap-3" data-testid="stream-viewer">
      <div
        role="tablist"
        className="flex gap-4 border-b border-zinc-200 text-sm dark:border-zinc-800"
      >
        {(Object.keys(TABS) as (keyof typeof TABS)[]).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
            className={cn(
              "-mb-px border-b-2 px-1 pb-1.5",
              tab === t
                ? "border-indigo-500 font-medium text-zinc-900 dark:text-zinc-100"
                : "border-transparent text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200",
            )}
          >
            {TABS[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === "entries" ? (
          <StreamEntries target={target} writable={writable} />
        ) : (
          <StreamGroups target={target} writable={writable} />
        )}
      </div>
    </div>
  );
}
