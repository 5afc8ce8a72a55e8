import { useMemo, useState } from "react";
import { Alert, Button, Input, Space, Table, Typography, message } from "antd";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { FundingCategory, FundingLineFieldsFragment } from "../../gql/graphql";
import { percent, wan } from "../../lib/format";
import { reasonText } from "../../api/errors";
import { fundingCells, fundingInputs, type FundingCell, type FundingProblem, type FundingRow } from "./amounts";
import { useProblemText } from "./FiguresForm";
import { ServerAlerts, sortErrors, type Sorted } from "./serverErrors";

export const FundingLineFieldsFragmentDoc = graphql(`
  fragment FundingLineFields on FundingLine {
    id
    category
    initialBudget
    adjustedBudget
    executed
    executionRate
  }
`);

const SetFundingLinesDocument = graphql(`
  mutation FundingTableSet($yearID: ID!, $projectID: ID, $lines: [FundingLineInput!]!) {
    setFundingLines(departmentYearID: $yearID, projectID: $projectID, lines: $lines) {
      ...FundingLineFields
    }
  }
`);

/** A project's lines are by source of funds, a department-year's by revenue nature: the forms' rows, in their order. */
export const SOURCE_CATEGORIES = ["CURRENT_APPROPRIATION", "PRIOR_YEAR_CARRYOVER", "OTHER_FUNDS"] as const satisfies readonly FundingCategory[];
export const REVENUE_CATEGORIES = [
  "GENERAL_PUBLIC_BUDGET",
  "GOVERNMENT_FUND_BUDGET",
  "STATE_CAPITAL_BUDGET",
  "FISCAL_SPECIAL_ACCOUNT",
  "UNIT_FUNDS",
] as const satisfies readonly FundingCategory[];

/** A read-only row of the table: the total row, or one of the figures' rows (按支出性质分). */
export interface AmountsRow {
  initialBudget: string;
  adjustedBudget: string;
  executed: string;
  executionRate?: string | null;
}

/** A problem the server reports of the breakdown (fundingProblems): its reason and params. */
export interface FundingCheck {
  field: string;
  reason: string;
  params: unknown;
}

type Row =
  | ({ key: string; kind: "total" | "figure"; label: string } & AmountsRow)
  | { key: string; kind: "section"; label: string }
  | ({ key: string; kind: "line"; label: string; stored?: FundingLineFieldsFragment } & FundingRow<FundingCategory>);

type Edits = Partial<Record<FundingCategory, Partial<Record<FundingCell, string>>>>;

/**
 * The forms' budget-execution table (年初预算数, 全年预算数, 全年执行数, 执行率): the total row
 * (the owner's figures, read-only here), the lines of categories (typed here and saved
 * together with setFundingLines), and for a department-year its figures' rows by spending
 * nature. Whether the lines add up to the total is the server's check: its problems
 * (fundingProblems) are shown under the table.
 */
export default function FundingTable({
  yearID,
  projectID,
  categories,
  lines,
  total,
  figures,
  checks,
  editable,
}: {
  yearID: string;
  /** Set for a project's sources of funds; a department-year's revenue otherwise. */
  projectID?: string;
  categories: readonly FundingCategory[];
  lines: readonly FundingLineFieldsFragment[];
  total: AmountsRow;
  /** The department-year's 基本支出 and 项目支出 rows, from its figures. */
  figures?: { basic: AmountsRow; project: AmountsRow };
  checks: readonly FundingCheck[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [edits, setEdits] = useState<Edits>({});
  const [problems, setProblems] = useState<FundingProblem<FundingCategory>[]>([]);
  const [sorted, setSorted] = useState<Sorted>();
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [{ fetching }, setLines] = useMutation(SetFundingLinesDocument);
  const [messages, contextHolder] = message.useMessage();
  const dirty = Object.keys(edits).length > 0;
  const testID = projectID ? `funding-${projectID}` : "funding";

  const lineRows = useMemo(
    () =>
      categories.map((category) => {
        const stored = lines.find((l) => l.category === category);
        const row: FundingRow<FundingCategory> = {
          category,
          initialBudget: stored?.initialBudget ?? "",
          adjustedBudget: stored?.adjustedBudget ?? "",
          executed: stored?.executed ?? "",
        };
        return { ...row, ...edits[category], stored };
      }),
    [categories, lines, edits],
  );

  const change = (category: FundingCategory, cell: FundingCell, value: string) => {
    setEdits((e) => ({ ...e, [category]: { ...e[category], [cell]: value } }));
    setProblems((p) => p.filter((x) => !(x.category === category && x.field === cell)));
  };

  const save = async () => {
    setSorted(undefined);
    setCellErrors({});
    const { lines: input, problems } = fundingInputs(lineRows);
    setProblems(problems);
    if (problems.length) return;
    // An answer without lines names no type to refresh: name it, so the owner's checks reload.
    const r = await setLines({ yearID, projectID: projectID ?? null, lines: input }, { additionalTypenames: ["FundingLine", "DepartmentYear", "Project"] });
    if (r.error) {
      // The server names a line by its place in what was sent: lines[1].executed.
      const names = input.flatMap((_, i) => fundingCells.map((c) => `lines[${i}].${c}`));
      const s = sortErrors(t, r.error, names);
      const byCell: Record<string, string> = {};
      for (const [name, text] of Object.entries(s.fields)) {
        const m = /^lines\[(\d+)\]\.(\w+)$/.exec(name);
        if (m) byCell[`${input[Number(m[1])].category}.${m[2]}`] = text;
      }
      setCellErrors(byCell);
      setSorted(s);
      return;
    }
    setEdits({});
    void messages.success(t("departmentYear.funding.saved"));
  };

  const cell = (r: Row, c: FundingCell) => {
    if (r.kind === "section") return null;
    if (r.kind !== "line" || !editable) {
      const v = r.kind === "line" && !r.stored && edits[r.category] === undefined ? "" : r[c];
      return v === "" ? "—" : wan(v);
    }
    const problem = problems.find((p) => p.category === r.category && p.field === c);
    const serverError = cellErrors[`${r.category}.${c}`];
    return (
      <>
        <Input
          value={r[c]}
          onChange={(e) => change(r.category, c, e.target.value)}
          inputMode="decimal"
          status={problem || serverError ? "error" : undefined}
          aria-label={`${r.label} ${t(`departmentYear.funding.${c}`)}`}
          aria-invalid={problem || serverError ? true : undefined}
          data-testid={`${testID}-${r.category}-${c}`}
        />
        {(problem || serverError) && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {problem ? problemText(problem.problem) : serverError}
          </Typography.Text>
        )}
      </>
    );
  };

  const rows: Row[] = [
    { key: "total", kind: "total", label: t("departmentYear.funding.total"), ...total },
    { key: "lines", kind: "section", label: t(projectID ? "departmentYear.funding.bySource" : "departmentYear.funding.byRevenue") },
    ...lineRows.map((r): Row => ({ key: r.category, kind: "line", label: t(`departmentYear.funding.category.${r.category}`), ...r })),
  ];
  if (figures) {
    rows.push(
      { key: "spending", kind: "section", label: t("departmentYear.funding.bySpending") },
      { key: "basic", kind: "figure", label: t("departmentYear.funding.basic"), ...figures.basic },
      { key: "project", kind: "figure", label: t("departmentYear.funding.project"), ...figures.project },
    );
  }

  return (
    <>
      {contextHolder}
      <ServerAlerts sorted={sorted} onReload={() => setSorted(undefined)} />
      <Table<Row>
        rowKey="key"
        size="small"
        bordered
        dataSource={rows}
        pagination={false}
        data-testid={testID}
        onRow={(r) => ({ "data-row": r.key }) as object}
        columns={[
          {
            title: t("departmentYear.funding.item"),
            width: 200,
            onCell: (r) => (r.kind === "section" ? { colSpan: 5 } : {}),
            render: (_, r) =>
              r.kind === "section" ? (
                <Typography.Text type="secondary">{r.label}</Typography.Text>
              ) : r.kind === "total" ? (
                <Typography.Text strong>{r.label}</Typography.Text>
              ) : (
                <span style={{ paddingLeft: 16 }}>{r.label}</span>
              ),
          },
          ...fundingCells.map((c) => ({
            key: c,
            title: t(`departmentYear.funding.${c}`),
            align: "right" as const,
            onCell: (r: Row) => (r.kind === "section" ? { colSpan: 0 } : {}),
            render: (_: unknown, r: Row) => cell(r, c),
          })),
          {
            key: "executionRate",
            title: t("departmentYear.funding.executionRate"),
            align: "right" as const,
            width: 110,
            onCell: (r: Row) => (r.kind === "section" ? { colSpan: 0 } : {}),
            render: (_: unknown, r: Row) =>
              r.kind === "section" ? null : r.kind === "line" ? percent(r.stored?.executionRate) : percent(r.executionRate),
          },
        ]}
      />
      {checks.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid={`${testID}-checks`}
          message={t("departmentYear.funding.mismatch")}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {checks.map((p, i) => (
                <li key={i}>{reasonText(t, p.reason, (p.params as Record<string, unknown> | null) ?? {}, p.field)}</li>
              ))}
            </ul>
          }
        />
      )}
      <Space style={{ marginTop: 12 }} wrap>
        {editable && (
          <>
            <Button type="primary" onClick={() => void save()} loading={fetching} disabled={!dirty} data-testid={`${testID}-save`}>
              {t("departmentYear.funding.save")}
            </Button>
            <Button
              onClick={() => {
                setEdits({});
                setProblems([]);
                setCellErrors({});
              }}
              disabled={!dirty || fetching}
            >
              {t("departmentYear.undo")}
            </Button>
          </>
        )}
        <Typography.Text type="secondary">
          {t(projectID ? "departmentYear.funding.projectHint" : "departmentYear.funding.hint")}
          {figures && ` ${t("departmentYear.funding.fromFigures")}`}
        </Typography.Text>
      </Space>
    </>
  );
}
