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
  /** A short remark after the title (a limit that is off the scale). */
  note?: string;
  t: number[];
  series: ChartSeries[];
  format: (v: number) => string;
  /** Axis labels given the tick step, where `format` would print two ticks alike. */
  tickFormat?: (v: number, step: number) => string;
  /** A fixed top of the y scale (1 for ratios); by default the data's maximum plus a margin. */
  yMax?: number;
  /** Scale y to the data's own span instead of from 0 (used memory: changes of a few percent). */
  yFromData?: boolean;
  /** Whole-number ticks only (counts such as clients). */
  integer?: boolean;
  /** Dot every sample: for sparse series (latency spikes), where one sample alone draws no line. */
  dots?: boolean;
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

/**
 * A sample's clock time, 24-hour, the one formatter for the axis and the hovered time, so the
 * two never disagree (the locale default is 12-hour in en-US).
 */
export function formatClock(seconds: number, withSeconds = true): string {
  return new Date(seconds * 1000).toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds && { second: "2-digit" }),
    hour12: false,
  });
}

function timeLabels(splits: number[]): string[] {
  // Seconds only when ticks are closer than a minute, so two ticks never read the same.
  const step = (splits[1] ?? 0) - (splits[0] ?? 0);
  return splits.map((v) => formatClock(v, step < 60));
}

/** A y range around the data (memory moves by a few percent of its size), never below 0. */
function dataRange(min: number, max: number): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const pad = Math.max((max - min) * 0.15, Math.abs(max) * 0.02, 1);
  return [Math.max(0, min - pad), max + pad];
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
      y: {
        range: (_u, min, max) =>
          p.yFromData ? dataRange(min, max) : [0, p.yMax ?? (max > 0 ? max * 1.15 : 1)],
      },
    },
    axes: [
      // `space`: at least 72 px between time ticks, room for "12:34:56".
      { ...axis, size: 24, space: 72, values: (_u, splits) => timeLabels(splits) },
      {
        ...axis,
        size: 60,
        values: (_u, splits) => {
          const step = Math.abs((splits[1] ?? 0) - (splits[0] ?? 0));
          return splits.map((v) => (p.tickFormat ? p.tickFormat(v, step) : p.format(v)));
        },
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
          points: p.dots ? { show: true, size: 6, fill: color } : { show: false },
        };
      }),
    ],
    hooks: { setCursor: [(u) => onCursor(u.cursor.idx ?? null)] },
  };
}

/**
 * The newest sample's value, null in a gap: never an older one from before the gap, which
 * would show a rate from minutes ago as the current one (the ops/s tile said 0.0 meanwhile).
 */
function lastValue(values: (number | null)[]): number | null {
  return values.at(-1) ?? null;
}

/** A time series chart (uPlot on a canvas): x is Unix seconds, gaps are nulls. */
export function TimeChart(props: Props) {
  const { title, note, t, series, format, yMax, yFromData, integer, testId } = props;
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
  }, [scheme, shape, yMax, yFromData, integer]);

  useEffect(() => {
    chart.current?.setData(dataOf(latest.current));
  });

  const at = hovered !== null && hovered < t.length ? hovered : null;
  return (
    <div className="min-w-0 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="mb-1 flex flex-wrap items-baseline gap-x-3 gap-y-0.5 text-xs">
        <h3 className="flex-1 font-medium text-zinc-600 dark:text-zinc-300">
          {title}
          {note && (
            <span
              className="ml-2 font-normal text-zinc-500 dark:text-zinc-400"
              data-testid="chart-note"
            >
              {note}
            </span>
          )}
        </h3>
        {at !== null && (
          <span className="text-zinc-500 tabular-nums dark:text-zinc-400" data-testid="chart-time">
            {formatClock(t[at] as number)}
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
              <span className="font-mono font-medium" data-testid="chart-value">
                {v === null ? "—" : format(v)}
              </span>
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
