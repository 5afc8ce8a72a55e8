import { useState, type ReactNode } from "react";
import { Card, Segmented, Space } from "antd";
import { BarChartOutlined, TableOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";

export type View = "chart" | "table";

/** A card that shows its data as a chart or, at the flick of a switch, as a table. */
export default function ChartTableCard({
  title,
  filters,
  chart,
  table,
  footer,
  initialView = "chart",
  testId,
}: {
  title: ReactNode;
  filters?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  footer?: ReactNode;
  initialView?: View;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>(initialView);
  return (
    <Card
      title={title}
      data-testid={testId}
      styles={{ title: { whiteSpace: "normal" } }}
      extra={
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: "chart", label: t("common.chart"), icon: <BarChartOutlined /> },
            { value: "table", label: t("common.table"), icon: <TableOutlined /> },
          ]}
        />
      }
    >
      {filters && (
        <Space wrap style={{ marginBottom: 12 }}>
          {filters}
        </Space>
      )}
      {view === "chart" ? chart : table}
      {footer}
    </Card>
  );
}
