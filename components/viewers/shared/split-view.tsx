"use client";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * Rows on the left, the selected one in full on the right, when the viewer is wide enough
 * (a container query: the details pane's width, not the window's, decides); narrower, the
 * selected one comes under the rows. It stays in view while the rows scroll.
 */
export function SplitView({ list, detail }: { list: ReactNode; detail: ReactNode | null }) {
  return (
    <div className="@container">
      <div
        data-testid="split-view"
        data-split={detail ? "open" : "closed"}
        className={cn(
          "grid gap-3",
          detail && "@2xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] @2xl:items-start",
        )}
      >
        <div className="flex min-w-0 flex-col gap-3">{list}</div>
        {detail && <div className="min-w-0 @2xl:sticky @2xl:top-2">{detail}</div>}
      </div>
    </div>
  );
}
