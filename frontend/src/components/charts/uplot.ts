/** uPlot itself, imported only by charts on screen (a chunk of its own). */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

import type { ChartPoint } from "./series-chart.tsx";
import type { ChartTheme } from "./use-chart-theme.ts";

export function drawSeries(
  element: HTMLElement,
  options: { points: readonly ChartPoint[]; kind: "bars" | "line"; height: number; theme: ChartTheme; valueName: string },
): uPlot {
  const { theme } = options;
  const axis = { stroke: theme.text, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 } };
  return new uPlot(
    {
      width: Math.max(element.clientWidth, 200),
      height: options.height,
      // Buckets are UTC days and weeks: label them in UTC whatever the viewer's time zone.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
      axes: [axis, { ...axis, size: 56 }],
      series: [
        {},
        {
          label: options.valueName,
          stroke: theme.line,
          fill: options.kind === "bars" ? theme.line : theme.fill,
          width: options.kind === "bars" ? 0 : 2,
          points: { show: options.kind === "line" },
          ...(options.kind === "bars" ? { paths: uPlot.paths.bars!({ size: [0.7, 48] }) } : {}),
        },
      ],
    },
    [options.points.map((p) => p.start), options.points.map((p) => p.value)],
    element,
  );
}
