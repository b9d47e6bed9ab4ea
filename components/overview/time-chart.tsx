"use client";
import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useColorScheme } from "@/hooks/use-color-scheme";

/** One line of a chart; `color` is [light, dark], so lines stay readable on both backgrounds. */
export type ChartSeries = {
  label: string;
  color: readonly [string, string];
  values: (number | null)[];
  dash?: number[];
};

type Props = {
  title: string;
  t: number[];
  series: ChartSeries[];
  format: (v: number) => string;
  /** A fixed top of the y scale (1 for ratios); by default the data's maximum plus a margin. */
  yMax?: number;
  /** Whole-number ticks only (counts such as clients). */
  integer?: boolean;
  testId?: string;
};

// Canvas colours cannot come from Tailwind classes; these are zinc-500/400 and zinc-200/800.
const THEME = {
  light: { axis: "#71717a", grid: "#e4e4e7" },
  dark: { axis: "#a1a1aa", grid: "#27272a" },
} as const;
const HEIGHT = 140;
const FONT = "11px ui-sans-serif, system-ui, sans-serif";
const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 100_000];

function timeLabels(splits: number[]): string[] {
  // Seconds only when ticks are closer than a minute, so two ticks never read the same.
  const step = (splits[1] ?? 0) - (splits[0] ?? 0);
  const fmt: Intl.DateTimeFormatOptions =
    step < 60
      ? { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }
      : { hour: "2-digit", minute: "2-digit", hour12: false };
  return splits.map((v) => new Date(v * 1000).toLocaleTimeString([], fmt));
}

function options(
  p: Props,
  width: number,
  scheme: "light" | "dark",
  onCursor: (i: number | null) => void,
): uPlot.Options {
  const theme = THEME[scheme];
  const axis = {
    stroke: theme.axis,
    font: FONT,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { show: false },
  };
  return {
    width,
    height: HEIGHT,
    legend: { show: false }, // the header shows the values, in the page's own type
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: {
      x: { time: true },
      // From 0 so a flat line reads as "steady", not as noise blown up to the full height.
      y: { range: (_u, _min, max) => [0, p.yMax ?? (max > 0 ? max * 1.15 : 1)] },
    },
    axes: [
      // `space`: at least 72 px between time ticks, room for "12:34:56".
      { ...axis, size: 24, space: 72, values: (_u, splits) => timeLabels(splits) },
      {
        ...axis,
        size: 60,
        values: (_u, splits) => splits.map(p.format),
        ...(p.integer && { incrs: INTEGER_STEPS }),
      },
    ],
    series: [
      {},
      ...p.series.map((s) => {
        const color = s.color[scheme === "dark" ? 1 : 0];
        return {
          label: s.label,
          stroke: color,
          fill: s.dash ? undefined : `${color}1f`,
          width: 1.5,
          dash: s.dash,
          spanGaps: false,
          points: { show: false },
        };
      }),
    ],
    hooks: { setCursor: [(u) => onCursor(u.cursor.idx ?? null)] },
  };
}

function lastValue(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] != null) return values[i] as number;
  return null;
}

/** A time series chart (uPlot on a canvas): x is Unix seconds, gaps are nulls. */
export function TimeChart(props: Props) {
  const { title, t, series, format, yMax, integer, testId } = props;
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  const [hovered, setHovered] = useState<number | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const shape = series.map((s) => s.label).join("|");

  // (Re)build when the colours, the lines or the scale change; new data only calls setData.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `shape` stands for the series' labels
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const now = latest.current;
    const u = new uPlot(options(now, el.clientWidth, scheme, setHovered), dataOf(now), el);
    chart.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [scheme, shape, yMax, integer]);

  useEffect(() => {
    chart.current?.setData(dataOf(latest.current));
  });

  const at = hovered !== null && hovered < t.length ? hovered : null;
  return (
    <div className="min-w-0 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="mb-1 flex flex-wrap items-baseline gap-x-3 gap-y-0.5 text-xs">
        <h3 className="flex-1 font-medium text-zinc-600 dark:text-zinc-300">{title}</h3>
        {at !== null && (
          <span className="text-zinc-500 tabular-nums dark:text-zinc-400">
            {new Date((t[at] as number) * 1000).toLocaleTimeString()}
          </span>
        )}
        {series.map((s) => {
          const v = at !== null ? (s.values[at] ?? null) : lastValue(s.values);
          return (
            <span key={s.label} className="inline-flex items-center gap-1 tabular-nums">
              <span
                aria-hidden
                className="inline-block h-0.5 w-3 rounded"
                style={{ background: s.color[scheme === "dark" ? 1 : 0] }}
              />
              <span className="text-zinc-500 dark:text-zinc-400">{s.label}</span>
              <span className="font-mono font-medium">{v === null ? "—" : format(v)}</span>
            </span>
          );
        })}
      </div>
      <div className="relative">
        <div ref={box} data-testid={testId} data-samples={t.length} className="min-w-0" />
        {t.length < 2 && (
          // Until two samples exist there is no line to draw, and uPlot's empty time axis reads 1970.
          <div className="absolute inset-0 flex items-center justify-center bg-white/80 text-xs text-zinc-500 dark:bg-zinc-950/80 dark:text-zinc-400">
            Collecting samples…
          </div>
        )}
      </div>
    </div>
  );
}

function dataOf(p: Props): uPlot.AlignedData {
  return [p.t, ...p.series.map((s) => s.values)];
}
