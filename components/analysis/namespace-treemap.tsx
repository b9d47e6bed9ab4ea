"use client";
import { useMemo, useState } from "react";
import { useColorScheme } from "@/hooks/use-color-scheme";
import { formatBytes, formatCount, formatPercent } from "@/lib/format";
import { EChart, type EChartOption } from "./echart";
import {
  childrenOf,
  delimiterKeys,
  type NamespaceRow,
  prefixLabel,
  segmentLabel,
} from "./namespace-tree";

type Tile = {
  name: string;
  value: number;
  row: NamespaceRow | null;
  keys: number;
  share: number;
  drillable: boolean;
};

/**
 * The namespaces as a treemap, one level at a time: a click on a tile with sub-namespaces opens
 * it, the breadcrumb goes back. Memory not in any sub-namespace (keys right under the prefix)
 * is its own grey tile, so the areas add up to the parent.
 */
export function NamespaceTreemap({
  namespaces,
  delimiter,
  totalMemory,
}: {
  namespaces: readonly NamespaceRow[];
  delimiter: string;
  totalMemory: number;
}) {
  const [path, setPath] = useState<NamespaceRow[]>([]);
  const delimiters = useMemo(() => delimiterKeys(delimiter), [delimiter]);
  const parent = path.at(-1) ?? null;
  const tiles = useMemo(() => {
    const children = childrenOf(namespaces, parent, delimiters);
    const out: Tile[] = children.map((row) => ({
      name: segmentLabel(row, parent),
      value: row.memoryBytes,
      row,
      keys: row.keys,
      share: row.share,
      drillable: !row.other && childrenOf(namespaces, row, delimiters).length > 0,
    }));
    const whole = parent ? parent.memoryBytes : totalMemory;
    const rest = whole - children.reduce((s, r) => s + r.memoryBytes, 0);
    if (parent && rest > 0)
      out.push({
        name: "(keys directly here)",
        value: rest,
        row: null,
        keys: parent.keys - children.reduce((s, r) => s + r.keys, 0),
        share: totalMemory ? rest / totalMemory : 0,
        drillable: false,
      });
    return out;
  }, [namespaces, parent, delimiters, totalMemory]);

  const gap = useColorScheme() === "dark" ? "#18181b" : "#ffffff";
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: {
        formatter: (p: { data: Tile }) =>
          `${escapeHtml(p.data.row ? prefixLabel(p.data.row) : p.data.name)}<br/>` +
          `${formatBytes(p.data.value)} · ${formatPercent(p.data.share)} · ${formatCount(p.data.keys)} keys` +
          (p.data.drillable ? "<br/><i>click to open</i>" : ""),
      },
      // Tailwind's indigo, teal, amber, violet, sky, rose, emerald, orange (500s): the app's tones.
      color: [
        "#6366f1",
        "#14b8a6",
        "#f59e0b",
        "#8b5cf6",
        "#0ea5e9",
        "#f43f5e",
        "#10b981",
        "#f97316",
      ],
      series: [
        {
          type: "treemap",
          data: tiles.map((t) => ({
            ...t,
            itemStyle: t.row && !t.row.other ? undefined : { color: "#a1a1aa" },
          })),
          roam: false,
          nodeClick: false,
          breadcrumb: { show: false },
          width: "100%",
          height: "100%",
          top: 0,
          left: 0,
          // Two lines, top left; echarts stacks "\n" lines only with an explicit lineHeight.
          label: {
            show: true,
            position: "insideTopLeft",
            fontSize: 12,
            lineHeight: 16,
            overflow: "truncate",
            formatter: (p: { data: Tile }) => `${p.data.name}\n${formatBytes(p.data.value)}`,
          },
          upperLabel: { show: false },
          // echarts draws white gaps by default: on a dark page they glare.
          itemStyle: { borderWidth: 1, gapWidth: 1, borderColor: gap },
        },
      ],
    }),
    [tiles, gap],
  );

  return (
    <div className="flex flex-col gap-2" data-testid="analysis-treemap">
      <nav aria-label="Namespace path" className="flex flex-wrap items-center gap-1 text-xs">
        <button
          type="button"
          className="rounded px-1 text-indigo-600 hover:underline disabled:text-zinc-500 dark:text-indigo-400"
          disabled={path.length === 0}
          onClick={() => setPath([])}
        >
          All keys
        </button>
        {path.map((row, i) => (
          <span key={prefixLabel(row)} className="flex items-center gap-1">
            <span className="text-zinc-400">/</span>
            <button
              type="button"
              data-testid="treemap-crumb"
              className="rounded px-1 font-mono text-indigo-600 hover:underline disabled:text-zinc-700 dark:text-indigo-400 dark:disabled:text-zinc-300"
              disabled={i === path.length - 1}
              onClick={() => setPath(path.slice(0, i + 1))}
            >
              {prefixLabel(row)}
            </button>
          </span>
        ))}
      </nav>
      {tiles.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No namespaces to show.</p>
      ) : (
        <EChart
          option={option}
          label={`Treemap of namespaces under ${parent ? prefixLabel(parent) : "all keys"}`}
          onClick={(e) => {
            const t = e.data as Tile | undefined;
            if (t?.row && t.drillable) setPath([...path, t.row]);
          }}
        />
      )}
      {/* The canvas is not reachable by keyboard or tests: the same tiles as buttons. */}
      <ul className="flex flex-wrap gap-1 text-xs" aria-label="Namespaces at this level">
        {tiles
          .filter((t) => t.drillable)
          .slice(0, 24)
          .map((t) => (
            <li key={t.row ? prefixLabel(t.row) : t.name}>
              <button
                type="button"
                data-testid="treemap-open"
                className="rounded border border-zinc-200 px-1.5 py-0.5 font-mono hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800"
                onClick={() => t.row && setPath([...path, t.row])}
              >
                {t.name} ›
              </button>
            </li>
          ))}
      </ul>
    </div>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
