"use client";
import { useState } from "react";
import { formatCount } from "@/lib/format";
import { type ClusterNodeView, SLOT_COUNT } from "@/lib/schemas/cluster";

// One colour per master, in the masters' order (by first slot). Literal class names, so that
// Tailwind keeps them; eight masters before a colour repeats.
export const MASTER_COLORS = [
  { fill: "fill-indigo-500 dark:fill-indigo-400", swatch: "bg-indigo-500 dark:bg-indigo-400" },
  { fill: "fill-emerald-500 dark:fill-emerald-400", swatch: "bg-emerald-500 dark:bg-emerald-400" },
  { fill: "fill-amber-500 dark:fill-amber-400", swatch: "bg-amber-500 dark:bg-amber-400" },
  { fill: "fill-rose-500 dark:fill-rose-400", swatch: "bg-rose-500 dark:bg-rose-400" },
  { fill: "fill-sky-500 dark:fill-sky-400", swatch: "bg-sky-500 dark:bg-sky-400" },
  { fill: "fill-violet-500 dark:fill-violet-400", swatch: "bg-violet-500 dark:bg-violet-400" },
  { fill: "fill-teal-500 dark:fill-teal-400", swatch: "bg-teal-500 dark:bg-teal-400" },
  { fill: "fill-orange-500 dark:fill-orange-400", swatch: "bg-orange-500 dark:bg-orange-400" },
] as const;

export function colorOf(index: number) {
  return MASTER_COLORS[index % MASTER_COLORS.length] as (typeof MASTER_COLORS)[number];
}

export function rangesText(slots: [number, number][]): string {
  return slots.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(", ");
}

export function slotCount(slots: [number, number][]): number {
  return slots.reduce((n, [a, b]) => n + b - a + 1, 0);
}

type Hover = { addr: string; range: [number, number] } | { gap: [number, number] };

/** The slots no master owns, as ranges. */
function gaps(masters: ClusterNodeView[]): [number, number][] {
  const owned = masters.flatMap((m) => m.slots).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  let next = 0;
  for (const [a, b] of owned) {
    if (a > next) out.push([next, a - 1]);
    next = Math.max(next, b + 1);
  }
  if (next < SLOT_COUNT) out.push([next, SLOT_COUNT - 1]);
  return out;
}

function hoverAt(
  masters: ClusterNodeView[],
  unassigned: [number, number][],
  slot: number,
): Hover | null {
  const inside = ([a, b]: [number, number]) => slot >= a && slot <= b;
  for (const m of masters) {
    const range = m.slots.find(inside);
    if (range) return { addr: m.addr, range };
  }
  const gap = unassigned.find(inside);
  return gap ? { gap } : null;
}

/** The 16384 slots as a strip coloured by master, unassigned slots hatched, with a legend. */
export function SlotMap({ masters }: { masters: ClusterNodeView[] }) {
  const [hover, setHover] = useState<Hover | null>(null);
  const unassigned = gaps(masters);
  return (
    <div className="flex flex-col gap-2" data-testid="slot-map">
      <svg
        viewBox={`0 0 ${SLOT_COUNT} 1`}
        preserveAspectRatio="none"
        className="h-10 w-full overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-700"
        role="img"
        aria-label={`Slot map: ${masters.length} masters, ${formatCount(
          slotCount(unassigned),
        )} slots unassigned`}
        onMouseMove={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          const slot = Math.floor(((e.clientX - box.left) / box.width) * SLOT_COUNT);
          setHover(hoverAt(masters, unassigned, slot));
        }}
        onMouseLeave={() => setHover(null)}
      >
        <defs>
          <pattern id="slot-gap" width="160" height="1" patternUnits="userSpaceOnUse">
            <rect width="80" height="1" className="fill-zinc-300 dark:fill-zinc-700" />
          </pattern>
        </defs>
        {unassigned.map(([a, b]) => (
          <rect
            key={`gap-${a}`}
            x={a}
            width={b - a + 1}
            height={1}
            fill="url(#slot-gap)"
            data-testid="slot-gap"
          >
            <title>{`slots ${a}–${b}: no master`}</title>
          </rect>
        ))}
        {masters.map((m, i) =>
          m.slots.map(([a, b]) => (
            <rect
              key={`${m.id}-${a}`}
              x={a}
              width={b - a + 1}
              height={1}
              className={`${colorOf(i).fill} opacity-90 hover:opacity-100`}
              data-testid="slot-range"
            >
              <title>{`${m.addr}: slots ${a}–${b}`}</title>
            </rect>
          )),
        )}
        {/* Thin separators between ranges, so neighbouring ranges of one master read as two. */}
        {masters.flatMap((m) =>
          m.slots.map(([a]) =>
            a === 0 ? null : (
              <rect
                key={`sep-${m.id}-${a}`}
                x={a}
                width={12}
                height={1}
                className="pointer-events-none fill-white dark:fill-zinc-950"
              />
            ),
          ),
        )}
      </svg>
      <div className="flex justify-between font-mono text-[10px] text-zinc-400 tabular-nums">
        {[0, 4096, 8192, 12288, 16383].map((t) => (
          <span key={t}>{t}</span>
        ))}
      </div>
      <div className="min-h-5 text-xs text-zinc-600 dark:text-zinc-300" aria-live="polite">
        {hover === null
          ? "Hover the strip to see a range."
          : "gap" in hover
            ? `Slots ${hover.gap[0]}–${hover.gap[1]} (${formatCount(hover.gap[1] - hover.gap[0] + 1)}): no master owns them`
            : `Slots ${hover.range[0]}–${hover.range[1]} (${formatCount(hover.range[1] - hover.range[0] + 1)}) on ${hover.addr}`}
      </div>
      <ul className="flex flex-wrap gap-x-6 gap-y-2 text-xs" data-testid="slot-legend">
        {masters.map((m, i) => (
          <li key={m.id} className="flex items-center gap-2">
            <span className={`size-3 rounded-sm ${colorOf(i).swatch}`} aria-hidden />
            <span className="font-mono">{m.addr}</span>
            <span className="text-zinc-500 dark:text-zinc-400">
              {formatCount(slotCount(m.slots))} slots · {rangesText(m.slots)}
            </span>
          </li>
        ))}
        {unassigned.length > 0 && (
          <li className="flex items-center gap-2">
            <span className="size-3 rounded-sm bg-zinc-300 dark:bg-zinc-700" aria-hidden />
            <span className="text-red-600 dark:text-red-400">
              unassigned: {formatCount(slotCount(unassigned))} slots · {rangesText(unassigned)}
            </span>
          </li>
        )}
      </ul>
    </div>
  );
}
