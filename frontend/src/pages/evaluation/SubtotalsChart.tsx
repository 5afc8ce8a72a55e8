import { useEffect, useRef, useState } from "react";
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { EChartsType } from "echarts/core";
import type { BreakdownRow } from "./subtotals";

/**
 * Score against weight per level-1 and level-2 group, as horizontal bars. ECharts is loaded
 * when the chart first shows, so it is not part of the initial bundle. The same figures are
 * in SubtotalsTable beside it.
 */
export default function SubtotalsChart({ rows }: { rows: BreakdownRow[] }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string>();

  useEffect(() => {
    let disposed = false;
    let chart: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    void (async () => {
      try {
        const [core, charts, components, renderers] = await Promise.all([
          import("echarts/core"),
          import("echarts/charts"),
          import("echarts/components"),
          import("echarts/renderers"),
        ]);
        if (disposed || !box.current) return;
        core.use([
          charts.BarChart,
          components.GridComponent,
          components.TooltipComponent,
          components.LegendComponent,
          renderers.CanvasRenderer,
        ]);
        chart = core.init(box.current);
        chart.setOption({
          animation: false,
          tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
          legend: { top: 0 },
          grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
          xAxis: { type: "value" },
          yAxis: {
            type: "category",
            inverse: true,
            data: rows.map((r) => r.label),
            axisLabel: {
              width: 180,
              overflow: "truncate",
              formatter: (value: string) => (rows.find((r) => r.label === value)?.level === 1 ? `{b|${value}}` : value),
              rich: { b: { fontWeight: "bold" } },
            },
          },
          series: [
            {
              name: t("evaluation.score"),
              type: "bar",
              data: rows.map((r) => Number(r.score)),
              label: { show: true, position: "right" },
            },
            { name: t("evaluation.weight"), type: "bar", data: rows.map((r) => Number(r.weight)), itemStyle: { color: "#d9d9d9" } },
          ],
        });
        observer = new ResizeObserver(() => chart?.resize());
        observer.observe(box.current);
      } catch (e) {
        if (!disposed) setFailed(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [rows, t]);

  if (failed) return <Alert type="warning" showIcon message={t("evaluation.chartFailed")} description={failed} />;
  return (
    <div
      ref={box}
      role="img"
      aria-label={t("evaluation.chartLabel")}
      style={{ width: "100%", height: Math.max(200, 48 + rows.length * 44) }}
    />
  );
}
