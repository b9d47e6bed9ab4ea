"use client";
import { BarChart, TreemapChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";
import { useColorScheme } from "@/hooks/use-color-scheme";

// Only the parts the analysis pages draw (treemap, bars, tooltip, canvas). Measured: the report
// page's echarts chunk is 186 KB gzipped, against 369 KB for the full echarts.min.js; only the
// report page loads it.
echarts.use([TreemapChart, BarChart, TooltipComponent, GridComponent, CanvasRenderer]);

export type EChartOption = echarts.EChartsCoreOption;
export type EChartClick = { data?: unknown; name?: string };

/**
 * One echarts canvas. The theme follows the OS colour scheme (canvas cannot read `dark:`
 * classes), so a scheme change makes a new chart; an option change only updates it.
 */
export function EChart({
  option,
  onClick,
  className,
  label,
  testId,
}: {
  option: EChartOption;
  onClick?: (e: EChartClick) => void;
  className?: string;
  label: string;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const optionRef = useRef(option);
  optionRef.current = option;
  const scheme = useColorScheme();
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, scheme === "dark" ? "dark" : undefined);
    chart.current = c;
    c.setOption({ backgroundColor: "transparent", ...optionRef.current });
    c.on("click", (e) => clickRef.current?.(e as EChartClick));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [scheme]);
  useEffect(() => {
    chart.current?.setOption({ backgroundColor: "transparent", ...option }, { notMerge: true });
  }, [option]);
  return (
    <div
      ref={el}
      role="img"
      aria-label={label}
      data-testid={testId}
      className={cn("h-80 w-full", className)}
    />
  );
}
