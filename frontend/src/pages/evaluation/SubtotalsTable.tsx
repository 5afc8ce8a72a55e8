import { Table } from "antd";
import { useTranslation } from "react-i18next";
import type { BreakdownRow } from "./subtotals";

/** The breakdown chart's figures as a table: every level-1 and level-2 group's score and weight. */
export default function SubtotalsTable({ rows }: { rows: BreakdownRow[] }) {
  const { t } = useTranslation();
  return (
    <Table<BreakdownRow>
      size="small"
      rowKey="key"
      scroll={{ x: 560 }}
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t("common.empty") }}
      columns={[
        {
          key: "group",
          title: t("evaluation.group"),
          fixed: "left",
          width: 200,
          render: (_, r) =>
            r.level === 1 ? <strong>{r.level1}</strong> : <span style={{ paddingLeft: 16, display: "inline-block" }}>{r.level2}</span>,
        },
        { key: "score", title: t("evaluation.score"), dataIndex: "score", align: "right" },
        { key: "weight", title: t("evaluation.weight"), dataIndex: "weight", align: "right" },
        {
          key: "attainment",
          title: t("evaluation.attainment"),
          align: "right",
          render: (_, r) => (r.attainment === undefined ? "—" : `${r.attainment}%`),
        },
      ]}
    />
  );
}
