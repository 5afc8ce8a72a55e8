import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDecimal, wan } from "../../lib/format";
import { nodes } from "../../lib/relay";
import type { ReportEvaluation, ReportIndicator } from "./query";
import {
  budgetSentence,
  carryoverSentence,
  chineseNumeral,
  classifyIndicator,
  executionSentence,
  groupByLevel,
  indicatorGroupSentences,
  joinSentences,
  managementSentence,
  paragraphs,
  plain,
  rate,
  scoreSentence,
  spendingSentence,
  subtotalsSentence,
  sumDecimals,
  targetText,
  withUnit,
  type Translate,
} from "./sentences";

/**
 * The self-evaluation report of one evaluation, in the seed report's four parts
 * (部门基本情况, 绩效自评情况, 存在的主要问题, 下一步改进措施), every figure from the data.
 */
export default function ReportView({ evaluation }: { evaluation: ReportEvaluation }) {
  const { t: i18nT } = useTranslation();
  const t: Translate = (key, vars) => i18nT(key, vars);
  const dy = evaluation.departmentYear;
  const department = dy.department;
  const project = evaluation.project;
  const indicators = [...evaluation.indicators].sort((a, b) => a.position - b.position);
  const bySection = (s: ReturnType<typeof classifyIndicator>) => indicators.filter((i) => classifyIndicator(i) === s);
  const output = bySection("output");
  const benefit = bySection("benefit");
  const satisfaction = bySection("satisfaction");
  const management = groupByLevel(bySection("management")).flatMap((g) => g.groups);
  const projects = nodes(dy.projects);
  const tasks = [...dy.keyTasks].sort((a, b) => a.position - b.position);
  const text = (s: string | null | undefined) => {
    const ps = paragraphs(s);
    return ps.length ? ps.map((p, i) => <p key={i}>{p}</p>) : <p>{t("report.s.empty")}</p>;
  };
  const sentences = (list: string[]) => <p>{joinSentences(t, list)}</p>;
  const numbered = (n: number, title: string) => <h4>{t("report.h.numbered", { n, title })}</h4>;

  // 二（二）: key tasks, output, benefit, (satisfaction), then the execution rate, numbered in turn.
  const effectiveness: { title: string; body: ReactNode }[] = [
    {
      title: t("report.h.keyTasks"),
      body: tasks.length
        ? tasks.map((task, i) => (
            <Fragment key={task.id}>
              <p>{t("report.s.task", { n: i + 1, cn: chineseNumeral(i + 1), title: task.title })}</p>
              {task.content && <p>{t("report.s.taskContent", { content: task.content })}</p>}
              {task.outcome && <p>{t("report.s.taskOutcome", { outcome: task.outcome })}</p>}
            </Fragment>
          ))
        : <p>{t("report.s.noTasks")}</p>,
    },
    { title: t("report.h.output"), body: sentences(indicatorGroupSentences(t, "output", output)) },
    { title: t("report.h.benefit"), body: sentences(indicatorGroupSentences(t, "benefit", benefit)) },
  ];
  if (satisfaction.length)
    effectiveness.push({
      title: t("report.h.satisfaction"),
      body: sentences(indicatorGroupSentences(t, "satisfaction", satisfaction)),
    });
  effectiveness.push({
    title: t("report.h.execution"),
    body: <p>{executionSentence(t, evaluation.executionRate, evaluation.monthsBehind)}</p>,
  });

  // 二（三）: the management indicators by level 2; the carry-over rate belongs to 预算执行.
  const carryoverAt = management.findIndex((g) => g.level2.includes("预算执行"));
  const efficiency = management.map((g, i) => {
    const withCarryover = i === carryoverAt;
    return {
      name: g.level2,
      body: (
        <>
          {withCarryover && <p>{carryoverSentence(t, dy)}</p>}
          {g.indicators.map((ind) => (
            <p key={ind.id}>{managementSentence(t, ind)}</p>
          ))}
        </>
      ),
    };
  });
  if (carryoverAt < 0) efficiency.unshift({ name: t("report.h.budgetExecution"), body: <p>{carryoverSentence(t, dy)}</p> });

  const title = project
    ? t("report.projectTitle", { year: dy.year, department: department.name, project: project.name })
    : t("report.title", { year: dy.year, department: department.name });

  return (
    <article className="jx-report" data-testid="report">
      <h1>{title}</h1>

      <h2>{t("report.h.part1")}</h2>
      <h3>{t("report.h.functions")}</h3>
      {text(department.functions)}
      <h3>{t("report.h.tasks")}</h3>
      {tasks.length ? (
        <>
          <p>{t("report.s.tasksIntro", { year: dy.year })}</p>
          {tasks.map((task, i) => (
            <p key={task.id}>
              {t("report.s.task", { n: i + 1, cn: chineseNumeral(i + 1), title: task.title })}
              {task.content}
            </p>
          ))}
        </>
      ) : (
        <p>{t("report.s.noTasks")}</p>
      )}
      <h3>{t("report.h.goal")}</h3>
      {text(dy.goal)}
      <h3>{t("report.h.finance")}</h3>
      <p data-testid="spending">{joinSentences(t, [spendingSentence(t, dy), budgetSentence(t, dy)])}</p>
      {project && (
        <p>
          {t("report.s.projectFigures", {
            budget: wan(project.budget),
            executed: wan(project.executed),
            rate: rate(project.executionRate),
          })}
        </p>
      )}
      <h3>{t("report.h.management")}</h3>
      {projects.length ? (
        <>
          <p>
            {t("report.s.projects", {
              count: projects.length,
              budget: wan(sumDecimals(projects.map((p) => p.budget))),
              executed: wan(sumDecimals(projects.map((p) => p.executed))),
            })}
          </p>
          <table className="jx-report-table">
            <thead>
              <tr>
                <th>{t("report.col.code")}</th>
                <th>{t("report.col.project")}</th>
                <th>{t("report.col.budget")}</th>
                <th>{t("report.col.executed")}</th>
                <th>{t("report.col.rate")}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id}>
                  <td>{p.code}</td>
                  <td>{p.name}</td>
                  <td className="num">{wan(p.budget)}</td>
                  <td className="num">{wan(p.executed)}</td>
                  <td className="num">{rate(p.executionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>{t("report.s.noProjects")}</p>
      )}

      <h2>{t("report.h.part2")}</h2>
      <h3>{t("report.h.conclusion")}</h3>
      <p data-testid="score">
        {joinSentences(t, [
          scoreSentence(t, dy.year, evaluation.score, evaluation.grade, project?.name),
          subtotalsSentence(t, evaluation.subtotals),
        ])}
      </p>
      {paragraphs(evaluation.conclusion).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      <h3>{t("report.h.effectiveness")}</h3>
      {effectiveness.map((s, i) => (
        <section key={i}>
          {numbered(i + 1, s.title)}
          {s.body}
        </section>
      ))}
      <h3>{t("report.h.efficiency")}</h3>
      {efficiency.map((g, i) => (
        <section key={g.name}>
          <h4>{groupHeading(t, i + 1, g.name)}</h4>
          {g.body}
        </section>
      ))}

      <h2>{t("report.h.part3")}</h2>
      {text(evaluation.problems)}
      <h2>{t("report.h.part4")}</h2>
      {text(evaluation.improvements)}

      <h3 className="jx-report-appendix">{t("report.h.appendix")}</h3>
      <IndicatorTable
        indicators={indicators}
        executionScore={evaluation.executionScore}
        score={evaluation.score}
      />
    </article>
  );
}

/** 1.预算编制情况; a level-2 name that already ends in 情况 keeps it once. */
function groupHeading(t: Translate, n: number, name: string): string {
  const heading = t("report.h.group", { n, name });
  return heading.replace(/情况情况$/, "情况");
}

/** The appendix: every indicator, level 1 and level 2 merged across their rows. */
function IndicatorTable({
  indicators,
  executionScore,
  score,
}: {
  indicators: ReportIndicator[];
  executionScore?: string | null;
  score: string;
}) {
  const { t } = useTranslation();
  const grouped = groupByLevel(indicators);
  // A project's score adds the fixed budget-execution item (weight 10) to its indicators.
  const weights = indicators.map((i) => i.weight).concat(executionScore != null ? ["10"] : []);
  return (
    <table className="jx-report-table" data-testid="indicator-table">
      <thead>
        <tr>
          <th>{t("report.col.level1")}</th>
          <th>{t("report.col.level2")}</th>
          <th>{t("report.col.name")}</th>
          <th>{t("report.col.target")}</th>
          <th>{t("report.col.actual")}</th>
          <th>{t("report.col.completion")}</th>
          <th>{t("report.col.weight")}</th>
          <th>{t("report.col.score")}</th>
          <th>{t("report.col.deviation")}</th>
        </tr>
      </thead>
      <tbody>
        {grouped.flatMap((l1) => {
          const l1Rows = l1.groups.reduce((n, g) => n + g.indicators.length, 0);
          return l1.groups.flatMap((l2, gi) =>
            l2.indicators.map((ind, ii) => (
              <tr key={ind.id}>
                {gi === 0 && ii === 0 && <td rowSpan={l1Rows}>{l1.level1}</td>}
                {ii === 0 && <td rowSpan={l2.indicators.length}>{l2.level2}</td>}
                <td>{ind.name}</td>
                <td>{ind.kind === "QUALITATIVE" ? "—" : targetText(ind)}</td>
                <td>
                  {ind.kind === "QUALITATIVE"
                    ? ind.rating
                      ? t(`report.rating.${ind.rating}`)
                      : "—"
                    : withUnit(ind.effectiveActual, ind.unit)}
                </td>
                <td className="num">{rate(ind.completionRate)}</td>
                <td className="num">{plain(ind.weight)}</td>
                <td className="num">{formatDecimal(ind.score, 2)}</td>
                <td>{ind.deviationReason}</td>
              </tr>
            )),
          );
        })}
        {executionScore != null && (
          <tr>
            <td colSpan={6}>{t("report.h.execution")}</td>
            <td className="num">10</td>
            <td className="num">{formatDecimal(executionScore, 2)}</td>
            <td />
          </tr>
        )}
        <tr className="total">
          <td colSpan={6}>{t("report.col.total")}</td>
          <td className="num">{plain(sumDecimals(weights))}</td>
          <td className="num">{formatDecimal(score, 2)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}
