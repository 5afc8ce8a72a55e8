import { useMemo, useState } from "react";
import { Alert, Button, Input, Space, Table, Tag, Tooltip, Typography, message } from "antd";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DepartmentYearMonthsFragment } from "../../gql/graphql";
import { percent, wan } from "../../lib/format";
import { fillMonths, monthInputs, type MonthProblem, type MonthRow } from "./amounts";
import { useProblemText } from "./FiguresForm";
import { ServerAlerts, sortErrors, type Sorted } from "./serverErrors";
import { warningText } from "../../api/warnings";
import { explanationText } from "../../lib/explain";

export const DepartmentYearMonthsFragmentDoc = graphql(`
  fragment DepartmentYearMonths on DepartmentYear {
    id
    months {
      id
      month
      cumulativeExecuted
      targetPercent
      executedPercent
      behind
      explanation { ...ExplanationFields }
    }
    warnings { ...WarningFields }
  }
`);

const SetMonthsDocument = graphql(`
  mutation DepartmentYearSetMonths($id: ID!, $months: [MonthInput!]!) {
    setMonthlyExecution(departmentYearID: $id, months: $months) {
      ...DepartmentYearMonths
      monthsBehind
    }
  }
`);

type Cell = "cumulativeExecuted" | "targetPercent";
type Edits = Record<number, Partial<Record<Cell, string>>>;

/**
 * The monthly execution grid: twelve months of cumulative spending (万元) beside the bureau's
 * cumulative target (%), the executed share the server computes, and the months behind target
 * highlighted. Cells are plain inputs, so Tab walks them row by row.
 */
export default function MonthsGrid({ year, editable }: { year: DepartmentYearMonthsFragment; editable: boolean }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [edits, setEdits] = useState<Edits>({});
  const [problems, setProblems] = useState<MonthProblem[]>([]);
  const [sorted, setSorted] = useState<Sorted>();
  const [{ fetching }, setMonths] = useMutation(SetMonthsDocument);
  const [messages, contextHolder] = message.useMessage();

  const stored = useMemo(() => fillMonths(year.months), [year.months]);
  // Why a stored month is, or is not, behind: its share of the budget against its target (计算过程).
  const monthExplanation = (month: number) => {
    const e = year.months.find((m) => m.month === month)?.explanation;
    return e ? explanationText(t, e) : undefined;
  };
  const rows = stored.map((r) => ({ ...r, ...edits[r.month] }));
  const dirty = Object.keys(edits).length > 0;

  const change = (month: number, cell: Cell, value: string) => {
    setEdits((e) => ({ ...e, [month]: { ...e[month], [cell]: value } }));
    setProblems((p) => p.filter((x) => !(x.month === month && x.field === cell)));
  };

  const save = async () => {
    setSorted(undefined);
    const { months, problems } = monthInputs(rows);
    setProblems(problems);
    if (problems.length) return;
    const r = await setMonths({ id: year.id, months });
    if (r.error) {
      setSorted(sortErrors(t, r.error, []));
      return;
    }
    setEdits({});
    void messages.success(t("common.saved"));
  };

  // The year's warnings about its months (CUMULATIVE_FALLS), as saved: by month.
  const monthWarnings = year.warnings.filter((w) => w.month != null);
  const warningsOf = (month: number) => monthWarnings.filter((w) => w.month === month).map((w) => warningText(t, w));

  const problemAt = (month: number, cell: Cell) => problems.find((p) => p.month === month && p.field === cell);

  const cell = (r: MonthRow, c: Cell) => {
    if (!editable) return c === "cumulativeExecuted" ? (r.stored ? wan(r[c]) : "—") : r.stored ? percent(r[c]) : "—";
    const problem = problemAt(r.month, c);
    const label = t(`departmentYear.months.${c}`);
    return (
      <>
        <Input
          value={r[c]}
          onChange={(e) => change(r.month, c, e.target.value)}
          inputMode="decimal"
          status={problem ? "error" : undefined}
          aria-label={`${t("departmentYear.months.monthName", { month: r.month })} ${label}`}
          aria-invalid={problem ? true : undefined}
          data-testid={`month-${r.month}-${c}`}
          suffix={c === "targetPercent" ? t("common.percent") : undefined}
        />
        {problem && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {problemText(problem.problem)}
          </Typography.Text>
        )}
      </>
    );
  };

  return (
    <>
      {contextHolder}
      <ServerAlerts sorted={sorted} onReload={() => setSorted(undefined)} />
      {stored.every((r) => !r.stored) && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="no-months" message={t("departmentYear.months.noneEntered")} />
      )}
      {monthWarnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="month-warnings"
          message={t("warnings.months")}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {monthWarnings.map((w, i) => (
                <li key={i}>{warningText(t, w)}</li>
              ))}
            </ul>
          }
        />
      )}
      <Table<MonthRow>
        rowKey="month"
        size="small"
        dataSource={rows}
        pagination={false}
        data-testid="months-grid"
        rowClassName={(r) => (r.behind ? "dy-month-behind" : "")}
        onRow={(r) => ({ style: r.behind ? { background: "#fff1f0" } : undefined, "data-month": r.month }) as object}
        columns={[
          {
            title: t("departmentYear.months.month"),
            dataIndex: "month",
            width: 80,
            render: (m: number) => t("departmentYear.months.monthName", { month: m }),
          },
          {
            title: t("departmentYear.withUnit", { label: t("departmentYear.months.cumulativeExecuted"), unit: t("common.wanUnit") }),
            render: (_, r) => cell(r, "cumulativeExecuted"),
          },
          {
            title: t("departmentYear.withUnit", { label: t("departmentYear.months.targetPercent"), unit: t("common.percent") }),
            render: (_, r) => cell(r, "targetPercent"),
          },
          {
            title: t("departmentYear.withUnit", { label: t("departmentYear.months.executedPercent"), unit: t("common.percent") }),
            align: "right",
            render: (_, r) => percent(r.executedPercent),
          },
          {
            title: t("departmentYear.months.state"),
            width: 180,
            render: (_, r) => {
              const edited = edits[r.month] !== undefined;
              const warned = warningsOf(r.month);
              return (
                <Space size={4} wrap>
                  {warned.length > 0 && (
                    <Tooltip title={warned.join(" ")}>
                      <Tag color="gold" data-testid={`month-${r.month}-warning`}>
                        {t("warnings.falls")}
                      </Tag>
                    </Tooltip>
                  )}
                  {r.behind && (
                    <Tooltip title={monthExplanation(r.month)}>
                      <Tag color="red" data-testid={`month-${r.month}-behind`}>
                        {t("departmentYear.months.behind")}
                      </Tag>
                    </Tooltip>
                  )}
                  {!r.behind && r.stored && (
                    <Tooltip title={monthExplanation(r.month)}>
                      <Tag color="green">{t("departmentYear.months.onTrack")}</Tag>
                    </Tooltip>
                  )}
                  {edited && <Tag color="blue">{t("departmentYear.months.unsaved")}</Tag>}
                  {!r.stored && !edited && <Typography.Text type="secondary">{t("departmentYear.months.notEntered")}</Typography.Text>}
                </Space>
              );
            },
          },
        ]}
      />
      {editable && (
        <Space style={{ marginTop: 12 }} wrap>
          <Button type="primary" onClick={() => void save()} loading={fetching} disabled={!dirty} data-testid="months-save">
            {t("departmentYear.months.save")}
          </Button>
          <Button
            onClick={() => {
              setEdits({});
              setProblems([]);
            }}
            disabled={!dirty || fetching}
          >
            {t("departmentYear.undo")}
          </Button>
          <Typography.Text type="secondary">{t("departmentYear.months.hint")}</Typography.Text>
        </Space>
      )}
    </>
  );
}
