import { useMemo, useState } from "react";
import { Alert, Card, Space, Spin, Switch, Table, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { graphql } from "../../gql";
import type { NextGradeFieldsFragment } from "../../gql/graphql";
import { errorsText } from "../../api/errors";
import { formatDecimal } from "../../lib/format";
import { signed } from "../indicators/whatIf";

graphql(`
  fragment NextGradeFields on NextGrade {
    score
    grade
    next
    from
    gap
    items {
      indicator { id }
      level1
      level2
      name
      unit
      binding
      weight
      score
      pointsLost
      outcome
      field
      places
      from
      to
      change
      rating
      actual
      totalAfter
    }
  }
`);

const NextGradeDocument = graphql(`
  query EvaluationNextGrade($id: ID!) {
    node(id: $id) {
      __typename
      ... on Evaluation { id nextGrade { ...NextGradeFields } }
    }
  }
`);

export type NextGrade = NextGradeFieldsFragment;
type Item = NextGrade["items"][number];

const ORDER: Record<string, number> = { REACHES: 0, CANNOT: 1, FULL: 2 };

/** The items as the panel lists them: those that can reach the next grade first, then by points lost. */
export function orderedItems(items: readonly Item[], onlyLost: boolean): Item[] {
  return items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => !onlyLost || Number(item.pointsLost) > 0)
    .sort(
      (a, b) =>
        (ORDER[a.item.outcome ?? ""] ?? 3) - (ORDER[b.item.outcome ?? ""] ?? 3) ||
        Number(b.item.pointsLost) - Number(a.item.pointsLost) ||
        a.i - b.i,
    )
    .map(({ item }) => item);
}

/** The name of the value a change moves: an indicator's field, a figure of the year, a project's executed amount. */
function fieldName(t: TFunction, field: string): string {
  return t(`whatIf.next.field.${field}`, { defaultValue: t(`departmentYear.figures.${field}`, { defaultValue: field }) });
}

/** What an item needs, in words: "实际完成值 61.50 → 70.92（+9.42），总分 60.00", or why not. */
export function needText(t: TFunction, item: Item): string {
  switch (item.outcome) {
    case "FULL":
      return t("whatIf.next.full");
    case "CANNOT":
      return t("whatIf.next.cannot");
    case "REACHES": {
      const places = item.places ?? 2;
      let text = t("whatIf.next.reaches", {
        field: fieldName(t, item.field ?? ""),
        from: item.from == null ? "—" : formatDecimal(item.from, places),
        to: formatDecimal(item.to, places),
        change: signed(item.change, places) || "0",
      });
      if (item.rating) text += t("whatIf.next.reachesRating", { rating: t(`indicators.rating.${item.rating}`) });
      if (item.binding && item.actual) text += t("whatIf.next.derivedActual", { name: item.name, actual: formatDecimal(item.actual, 2) });
      return text + t("whatIf.next.totalAfter", { total: item.totalAfter });
    }
  }
  return "";
}

interface TableProps {
  next: NextGrade;
  /** The indicator editor of the evaluation's subject: an indicator's name links to its cell there. */
  editorPath?: string;
}

/** What it would take: the grade's gap, and per item its points lost and the smallest change that alone reaches the next grade. */
export function NextGradeTable({ next, editorPath }: TableProps) {
  const { t } = useTranslation();
  const [onlyLost, setOnlyLost] = useState(true);
  const rows = useMemo(() => orderedItems(next.items, onlyLost), [next.items, onlyLost]);
  const grade = t(`grade.${next.grade}`);
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="next-grade">
      <Typography.Text>
        {next.next
          ? t("whatIf.next.summary", { score: next.score, grade, next: t(`grade.${next.next}`), from: next.from, gap: next.gap })
          : t("whatIf.next.top", { grade })}
      </Typography.Text>
      <Space>
        <Switch size="small" checked={onlyLost} onChange={setOnlyLost} aria-label={t("whatIf.next.onlyLost")} />
        <Typography.Text type="secondary">{t("whatIf.next.onlyLost")}</Typography.Text>
      </Space>
      <Table<Item>
        size="small"
        pagination={false}
        rowKey={(r) => r.indicator?.id ?? "execution"}
        scroll={{ x: 800 }}
        dataSource={rows}
        locale={{ emptyText: t("whatIf.next.none") }}
        columns={[
          {
            key: "name",
            title: t("whatIf.next.col.name"),
            fixed: "left",
            width: 220,
            render: (_, r) => {
              const field = r.field === "actual" || r.field === "ratedScore" ? `&field=${r.field}` : "";
              const name = r.indicator ? r.name : t("whatIf.next.executionItem");
              return (
                <span>
                  {r.indicator && <Typography.Text type="secondary">{[r.level1, r.level2].filter(Boolean).join(" / ")} · </Typography.Text>}
                  {r.indicator && editorPath ? <Link to={`${editorPath}?indicator=${r.indicator.id}${field}`} style={{ textDecoration: "underline" }}>{name}</Link> : name}
                </span>
              );
            },
          },
          {
            key: "score",
            title: t("whatIf.next.col.score"),
            align: "right",
            render: (_, r) => `${formatDecimal(r.score, 2)} / ${formatDecimal(r.weight, 2)}`,
          },
          {
            key: "lost",
            title: t("whatIf.next.col.lost"),
            align: "right",
            render: (_, r) => (Number(r.pointsLost) > 0 ? <Typography.Text type="danger">{formatDecimal(r.pointsLost, 2)}</Typography.Text> : "0.00"),
          },
          ...(next.next
            ? [
                {
                  key: "need",
                  title: t("whatIf.next.col.need"),
                  render: (_: unknown, r: Item) => (
                    <span data-need={r.indicator?.id ?? "execution"}>
                      {r.outcome === "REACHES" ? <Tag color="green">{t(`grade.${next.next}`)}</Tag> : null}
                      <Typography.Text type={r.outcome === "REACHES" ? undefined : "secondary"}>{needText(t, r)}</Typography.Text>
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

/** The evaluation page's panel: what it would take to reach the next grade, from the kept values. */
export default function NextGradePanel({ evaluationID, editorPath }: { evaluationID: string; editorPath?: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: NextGradeDocument, variables: { id: evaluationID } });
  const next = data?.node?.__typename === "Evaluation" ? data.node.nextGrade : undefined;
  return (
    <Card title={next?.next ? t("whatIf.next.titleTo", { grade: t(`grade.${next.next}`) }) : t("whatIf.next.title")} data-testid="next-grade-panel">
      {error && <Alert type="error" showIcon message={errorsText(t, error)} />}
      {fetching && !next && <Spin />}
      {next && <NextGradeTable next={next} editorPath={editorPath} />}
    </Card>
  );
}
