import { useMemo, useState, type ReactNode } from "react";
import { Alert, Button, Card, Col, Descriptions, Input, Row, Select, Space, Switch, Table, Tag, Tooltip, Typography } from "antd";
import { ExperimentOutlined } from "@ant-design/icons";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { graphql } from "../../gql";
import type { IndicatorWhatIfQuery, Rating } from "../../gql/graphql";
import { errorText, fieldErrors, fieldName, type FieldError } from "../../api/errors";
import { NextGradeTable } from "../evaluation/NextGradePanel";
import { inBand, RATINGS, ratingBand } from "./bands";
import { decimalProblem, fromMicros, roundDecimal, toMicros } from "./decimal";
import type { Rules } from "./rules";
import { operatorSymbol, type IndicatorRow } from "./types";
import "./whatIf.css";
import { validateCell } from "./validate";
import {
  change,
  changeCount,
  difference,
  draftValue,
  emptyWhatIf,
  FIGURES,
  isChanged,
  PROJECT_FIELDS,
  setAmount,
  setIndicator,
  shown,
  signed,
  toInput,
  type Figure,
  type ProjectField,
  type WhatIfField,
  type WhatIfState,
} from "./whatIf";

const WhatIfDocument = graphql(`
  query IndicatorWhatIf($id: ID!, $changes: WhatIfInput!) {
    whatIf(evaluationID: $id, changes: $changes) {
      score
      grade
      difference
      rank
      keptRank
      peers
      executionRate
      executionScore
      evaluation { id score grade executionRate executionScore }
      indicators {
        indicator { id }
        changed
        actual
        score
        completionRate
        difference
      }
      subtotals { level1 level2 score keptScore difference }
      nextGrade { ...NextGradeFields }
    }
  }
`);

// The figures a what-if starts from: the evaluation's department-year's, or its project's.
const WhatIfSubjectDocument = graphql(`
  query IndicatorWhatIfSubject($id: ID!) {
    node(id: $id) {
      __typename
      ... on Evaluation {
        id
        departmentYear {
          id
          personnelBudget
          personnelActual
          publicBudget
          publicActual
          projectBudget
          projectActual
          carryoverEnd
          threePublicBudget
          threePublicActual
          assetsInUse
          assetsTotal
        }
        project { id budget executed }
      }
    }
  }
`);

type Result = IndicatorWhatIfQuery["whatIf"];

/** The grades from the top down. */
const GRADES = ["EXCELLENT", "GOOD", "FAIR", "POOR"];
type IndicatorResult = Result["indicators"][number];

/** The editor's switch into what-if mode (假设分析). */
export function WhatIfToggle({ checked, onChange }: { checked: boolean; onChange(on: boolean): void }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t("whatIf.toggleHint")}>
      <Space size={4}>
        <ExperimentOutlined />
        <Switch size="small" checked={checked} onChange={onChange} aria-label={t("whatIf.toggle")} data-testid="whatif-toggle" />
        <span>{t("whatIf.toggle")}</span>
      </Space>
    </Tooltip>
  );
}

/** A difference as the mode shows it, "(−1.50)"; a score's red when it falls, green when it rises. */
function Delta({ text, score }: { text: string; score?: boolean }) {
  if (!text) return null;
  return <Typography.Text type={!score ? "secondary" : text.startsWith("+") ? "success" : "danger"}> ({text})</Typography.Text>;
}

/**
 * A kept value and the what-if's, "6.00 → 4.50 (−1.50)", or the value alone when they are the same. A
 * score's difference (diff, the server's) is coloured; a value's is not: less is better for some.
 */
function Changed({ kept, now, diff, testid }: { kept: string | null | undefined; now: string | null | undefined; diff?: string | null; testid?: string }) {
  if (!isChanged(kept, now)) return <span data-testid={testid}>{shown(now)}</span>;
  const d = diff !== undefined ? signed(diff) : difference(kept, now);
  return (
    <span data-testid={testid} className="whatif-changed" title={change(kept, now, diff)}>
      <Typography.Text type="secondary">{shown(kept)}</Typography.Text> → <strong>{shown(now)}</strong>
      <Delta text={d} score={diff !== undefined} />
    </span>
  );
}

/** Why an amount (万元) cannot be tried, as an i18n key and its values; undefined when it can. */
function amountProblem(value: string): { key: string; values?: Record<string, string> } | undefined {
  const p = decimalProblem(value);
  if (p === "format") return { key: "notNumber", values: { value } };
  if (p === "places") return { key: "places", values: { value } };
  if (p === "range") return { key: "tooLarge", values: { value } };
  return (toMicros(value) ?? 0n) < 0n ? { key: "nonNegative" } : undefined;
}

interface ValueInputProps {
  label: string;
  value: string | null;
  kept: string | null | undefined;
  /** Why value cannot be tried (an i18n sentence), or undefined. */
  check(value: string): string | undefined;
  onCommit(value: string): void;
}

/** A hypothetical value: typed, checked, tried on Enter or when the field is left; its change shown beside it. */
function ValueInput({ label, value, kept, check, onCommit }: ValueInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const commit = () => {
    if (draft === null) return;
    const v = draft.trim() === "" ? (kept ?? "") : draft;
    const problem = v === (kept ?? "") ? undefined : check(v);
    setError(problem);
    if (problem) return;
    setDraft(null);
    onCommit(v);
  };
  return (
    <div className="whatif-cell">
      <Input
        size="small"
        aria-label={label}
        value={draft ?? value ?? ""}
        status={error ? "error" : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onPressEnter={commit}
        style={{ width: 110 }}
      />
      {value !== null && isChanged(kept, value) && (
        <div className="whatif-diff">
          <Changed kept={kept} now={value} />
        </div>
      )}
      {error && (
        <div className="ind-cell-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** The top of a rating's band at 2 places: the score a rating change sets when the score now lies outside it. */
function bandTop(rules: Rules | undefined, rating: Rating, weight: string): string | undefined {
  const band = ratingBand(rules?.bands, rating, weight);
  const hi = toMicros(band?.hi);
  if (!band || hi === undefined) return undefined;
  let top = (hi / 10_000n) * 10_000n;
  if (!band.hiInclusive && top === hi) top -= 10_000n;
  return fromMicros(top < 0n ? 0n : top);
}

/** A refused what-if as a sentence: the indicator it concerns and why. */
function refusalText(t: TFunction, e: FieldError): string {
  const text = e.reason
    ? t(`whatIf.reason.${e.reason}`, { ...e.params, field: fieldName(t, e.field), defaultValue: errorText(t, e) })
    : errorText(t, e);
  return e.indicatorName ? t("whatIf.indicatorError", { name: e.indicatorName, text }) : text;
}

interface Props {
  evaluationID: string;
  /** The indicators as stored (the editor's rows), in position order. */
  rows: IndicatorRow[];
  /** The server's rules for checking a value before trying it (bands, limits); undefined until loaded. */
  rules?: Rules;
  onLeave(): void;
}

/**
 * The indicator editor's what-if mode: values typed here go to Query.whatIf, never to a mutation;
 * each shows its kept value beside it, the scores, subtotals, total, grade and rank come from the
 * server, and leaving the mode discards them all.
 */
export default function WhatIfMode({ evaluationID, rows, rules, onLeave }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<WhatIfState>(emptyWhatIf);
  const changes = useMemo(() => toInput(state), [state]);
  const [{ data, fetching, error }] = useQuery({
    query: WhatIfDocument,
    variables: { id: evaluationID, changes },
    requestPolicy: "network-only",
  });
  const [subjectQuery] = useQuery({ query: WhatIfSubjectDocument, variables: { id: evaluationID } });
  const subject = subjectQuery.data?.node?.__typename === "Evaluation" ? subjectQuery.data.node : undefined;

  // The last answer stays on screen while the next one is computed, and when a value is refused.
  const [last, setLast] = useState<Result>();
  const answer = data?.whatIf;
  if (answer && answer !== last) setLast(answer);
  const result = answer ?? last;
  const byID = useMemo(() => new Map<string, IndicatorResult>((result?.indicators ?? []).map((r) => [r.indicator.id, r])), [result]);
  const refusals = fieldErrors(error);

  const setField = (row: IndicatorRow, field: WhatIfField, value: string) => setState((s) => setIndicator(s, row, field, value));
  const setRating = (row: IndicatorRow, rating: Rating) =>
    setState((s) => {
      let next = setIndicator(s, row, "rating", rating);
      const score = draftValue(next, row, "ratedScore");
      const weight = draftValue(next, row, "weight") ?? row.weight;
      if (score != null && inBand(rules?.bands, score, rating, weight) === false) {
        const top = bandTop(rules, rating, weight);
        if (top !== undefined) next = setIndicator(next, row, "ratedScore", top);
      }
      return next;
    });

  /** The row with the what-if's values: what a value typed into it is checked against. */
  const tried = (row: IndicatorRow): IndicatorRow => ({
    ...row,
    target: draftValue(state, row, "target"),
    weight: draftValue(state, row, "weight") ?? row.weight,
    rating: draftValue(state, row, "rating") as Rating | null,
    ratedScore: draftValue(state, row, "ratedScore"),
  });
  const checker = (row: IndicatorRow, field: "target" | "weight" | "actual" | "ratedScore") => (value: string) => {
    const invalid = validateCell(tried(row), field, value, rules);
    if (!invalid) return undefined;
    const values = { ...invalid.values } as Record<string, string>;
    if (values.rating) values.rating = t(`indicators.rating.${values.rating}`);
    return t(`indicators.validation.${invalid.key}`, values);
  };
  const input = (row: IndicatorRow, field: "target" | "weight" | "actual" | "ratedScore") => (
    <ValueInput
      label={t("whatIf.inputLabel", { name: row.name, field: t(`indicators.col.${field}`) })}
      value={draftValue(state, row, field)}
      kept={row[field]}
      check={checker(row, field)}
      onCommit={(v) => setField(row, field, v)}
    />
  );

  const amounts = (which: "figures" | "project") => {
    const kept: Record<string, string | null | undefined> =
      which === "figures" ? { ...subject?.departmentYear } : { ...subject?.project };
    const fields: readonly (Figure | ProjectField)[] = which === "figures" ? FIGURES : PROJECT_FIELDS;
    return (
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
        {fields.map((f) => {
          const label = which === "figures" ? t(`departmentYear.figures.${f}`) : t(f === "budget" ? "whatIf.projectBudget" : "whatIf.projectExecuted");
          const values = state[which] as Record<string, string | undefined>;
          return (
            <Descriptions.Item key={f} label={label}>
              <ValueInput
                label={t("whatIf.figureLabel", { field: label })}
                value={values[f] ?? kept[f] ?? null}
                kept={kept[f]}
                check={(v) => {
                  const invalid = amountProblem(v);
                  return invalid && t(`indicators.validation.${invalid.key}`, invalid.values);
                }}
                onCommit={(v) =>
                  setState((s) =>
                    which === "figures"
                      ? setAmount(s, "figures", f as Figure, v, kept[f])
                      : setAmount(s, "project", f as ProjectField, v, kept[f]),
                  )
                }
              />
            </Descriptions.Item>
          );
        })}
      </Descriptions>
    );
  };

  const count = changeCount(state);
  const ev = result?.evaluation;
  const gradeText = (g: string | undefined) => (g ? t(`grade.${g}`) : "—");
  const rank = (r: number) => (result ? t("whatIf.rankValue", { rank: r, peers: result.peers }) : "—");

  const columns = [
    {
      key: "name",
      title: t("indicators.col.name"),
      width: 260,
      render: (_: unknown, row: IndicatorRow) => (
        <span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.level1} / {row.level2}
          </Typography.Text>
          <br />
          {row.name}
          {byID.get(row.id)?.changed && (
            <Tag color="orange" style={{ marginLeft: 4 }}>
              {t("whatIf.title")}
            </Tag>
          )}
        </span>
      ),
    },
    {
      key: "target",
      title: t("indicators.col.target"),
      width: 150,
      render: (_: unknown, row: IndicatorRow) =>
        row.kind === "QUANTITATIVE" ? (
          <Space size={4} align="start">
            <span>{operatorSymbol(row.operator)}</span>
            {input(row, "target")}
            <Typography.Text type="secondary">{row.unit}</Typography.Text>
          </Space>
        ) : (
          "—"
        ),
    },
    { key: "weight", title: t("indicators.col.weight"), width: 130, render: (_: unknown, row: IndicatorRow) => input(row, "weight") },
    {
      key: "actual",
      title: t("indicators.col.actual"),
      width: 260,
      render: (_: unknown, row: IndicatorRow) => {
        if (row.kind === "QUALITATIVE") {
          const rating = draftValue(state, row, "rating") as Rating | null;
          return (
            <Space direction="vertical" size={2}>
              <Select<Rating>
                size="small"
                style={{ width: 130 }}
                aria-label={t("whatIf.inputLabel", { name: row.name, field: t("indicators.col.rating") })}
                value={rating ?? undefined}
                placeholder={t("indicators.col.rating")}
                options={RATINGS.map((r) => ({ value: r, label: t(`indicators.rating.${r}`) }))}
                onChange={(r) => setRating(row, r)}
              />
              {rating !== row.rating && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.rating ? t(`indicators.rating.${row.rating}`) : "—"} → {rating ? t(`indicators.rating.${rating}`) : "—"}
                </Typography.Text>
              )}
              {input(row, "ratedScore")}
            </Space>
          );
        }
        if (row.binding) {
          return (
            <Tooltip title={t("whatIf.derived")}>
              <span>
                <Changed kept={roundDecimal(row.effectiveActual)} now={roundDecimal(byID.get(row.id)?.actual ?? row.effectiveActual)} />
                <Tag style={{ marginLeft: 4 }}>{t(`indicators.binding.${row.binding}`)}</Tag>
              </span>
            </Tooltip>
          );
        }
        return input(row, "actual");
      },
    },
    {
      key: "completionRate",
      title: t("indicators.col.completionRate"),
      width: 170,
      align: "right" as const,
      render: (_: unknown, row: IndicatorRow) =>
        row.kind === "QUANTITATIVE" ? <Changed kept={row.completionRate} now={byID.get(row.id)?.completionRate ?? row.completionRate} /> : "—",
    },
    {
      key: "score",
      title: t("indicators.col.score"),
      width: 190,
      align: "right" as const,
      render: (_: unknown, row: IndicatorRow) => {
        const r = byID.get(row.id);
        return <Changed kept={row.score} now={r?.score ?? row.score} diff={r?.difference} testid={`whatif-score-${row.id}`} />;
      },
    },
  ];

  let summary: ReactNode = null;
  if (result && ev) {
    summary = (
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t("whatIf.total")}>
          <span style={{ fontSize: 18 }}>
            <Changed kept={ev.score} now={result.score} diff={result.difference} testid="whatif-total" />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t("whatIf.grade")}>
          <span data-testid="whatif-grade">
            {ev.grade === result.grade ? (
              <Tag color="blue">{gradeText(result.grade)}</Tag>
            ) : (
              <>
                <Tag>{gradeText(ev.grade)}</Tag>→ <Tag color={GRADES.indexOf(result.grade) < GRADES.indexOf(ev.grade) ? "green" : "red"}>{gradeText(result.grade)}</Tag>
              </>
            )}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={<Tooltip title={t("whatIf.rankHint")}>{t("whatIf.rank")}</Tooltip>}>
          <span data-testid="whatif-rank">
            {result.rank === result.keptRank ? rank(result.rank) : `${rank(result.keptRank)} → ${rank(result.rank)}`}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t("whatIf.changes", { count })}>
          <Space>
            <Button size="small" onClick={() => setState(emptyWhatIf())} disabled={!count}>
              {t("whatIf.reset")}
            </Button>
            <Button size="small" onClick={onLeave}>
              {t("whatIf.leave")}
            </Button>
            {fetching && <Typography.Text type="secondary">{t("whatIf.updating")}</Typography.Text>}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    );
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="whatif-mode">
      <Card title={<Space><ExperimentOutlined />{t("whatIf.title")}</Space>}>
        <Alert type="info" showIcon message={t("whatIf.notice")} style={{ marginBottom: 12 }} />
        {summary}
        {refusals.length > 0 && (
          <Alert
            type="error"
            showIcon
            message={t("whatIf.refused")}
            description={refusals.map((e, i) => (
              <div key={i}>{refusalText(t, e)}</div>
            ))}
          />
        )}
      </Card>
      <Table<IndicatorRow>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 1160 }}
        rowClassName={(row) => (byID.get(row.id)?.changed ? "whatif-row-changed" : "")}
      />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("whatIf.subtotals")}>
            <Table
              size="small"
              pagination={false}
              rowKey={(s) => `${s.level1}/${s.level2 ?? ""}`}
              dataSource={result?.subtotals ?? []}
              columns={[
                {
                  key: "group",
                  render: (_: unknown, s) => (s.level2 ? <span style={{ paddingLeft: 16 }}>{s.level2}</span> : <strong>{s.level1}</strong>),
                },
                {
                  key: "score",
                  align: "right" as const,
                  render: (_: unknown, s) => <Changed kept={s.keptScore} now={s.score} diff={s.difference} />,
                },
              ]}
              showHeader={false}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={subject?.project ? t("whatIf.project") : t("whatIf.figures")}
            extra={
              result?.executionRate != null && (
                <Typography.Text type="secondary">
                  {t("whatIf.executionItem", { rate: `${shown(result.executionRate)}%` })}
                  {result.executionScore != null && ` · ${change(ev?.executionScore, result.executionScore)}`}
                </Typography.Text>
              )
            }
          >
            {!subject?.project && <Typography.Paragraph type="secondary">{t("whatIf.figuresHint")}</Typography.Paragraph>}
            {subject && amounts(subject.project ? "project" : "figures")}
          </Card>
        </Col>
      </Row>
      {result && (
        <Card size="small" title={result.nextGrade.next ? t("whatIf.next.titleTo", { grade: t(`grade.${result.nextGrade.next}`) }) : t("whatIf.next.title")}>
          <NextGradeTable next={result.nextGrade} />
        </Card>
      )}
    </Space>
  );
}
