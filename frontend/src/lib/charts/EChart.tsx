import { useEffect, useRef, useState } from "react";
import type { ECharts, EChartsOption } from "echarts";

// ECharts is loaded the first time a chart is shown, never with the app's first page
// (vite.config.ts puts it in its own chunk); later charts reuse the same module.
let loading: Promise<typeof import("echarts")> | undefined;
function loadECharts() {
  loading ??= import("echarts");
  return loading;
}

export interface EChartProps {
  option: EChartsOption;
  height?: number;
  /** What the chart shows, for screen readers (the same data is always available as a table). */
  ariaLabel: string;
  /** Shown while the library loads, and instead of the chart if it cannot load. */
  loadingText?: string;
  failedText?: string;
}

/** One ECharts chart; the option replaces the previous one, the chart follows its box's size. */
export default function EChart({ option, height = 320, ariaLabel, loadingText, failedText }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    let cancelled = false;
    loadECharts()
      .then((echarts) => {
        if (cancelled || !box.current) return;
        chart.current ??= echarts.init(box.current, undefined, { renderer: "canvas" });
        chart.current.setOption(option, { notMerge: true });
        setState("ready");
      })
      .catch(() => {
        if (!cancelled) setState("failed");
      });
    return () => {
      cancelled = true;
    };
  }, [option]);

  useEffect(() => {
    const el = box.current;
    const resize = () => chart.current?.resize();
    let observer: ResizeObserver | undefined;
    if (el && typeof ResizeObserver !== "undefined") {
      observer = new ResizeObserver(resize);
      observer.observe(el);
    } else window.addEventListener("resize", resize);
    return () => {
      observer?.disconnect();
      window.removeEventListener("resize", resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  return (
    <div style={{ position: "relative", width: "100%", height }}>
      <div ref={box} role="img" aria-label={ariaLabel} style={{ width: "100%", height }} data-testid="echart" />
      {state !== "ready" && (
        <div
          style={{ position: "absolute", inset: 0, display: "flex", alignItems: "center", justifyContent: "center", color: "#8c8c8c" }}
        >
          {state === "failed" ? failedText : loadingText}
        </div>
      )}
    </div>
  );
}
