import type { ReactNode } from "react";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Report, ReportSection, ReportTable } from "./query";

/**
 * The report the server wrote (Evaluation.report), drawn as it comes: its sections in document order,
 * each with its numbered heading (or, run in, at the start of its first paragraph), its paragraphs and
 * its tables. Nothing is written here: the sentences, figures and numbering are the server's. The
 * generator's drafts of text the department has not written are marked on screen, never in print.
 *
 * tools(section) adds what the page offers beside a heading (the edit button); below(section) what it
 * shows after the section's paragraphs (the editor).
 */
export default function ReportView({
  report,
  tools,
  below,
}: {
  report: Report;
  tools?: (section: ReportSection) => ReactNode;
  below?: (section: ReportSection) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <article className="jx-report" data-testid="report" lang="zh-CN">
      <h1>{report.title}</h1>
      {report.sections.map((s) => {
        const draft = s.text != null && !s.text.written;
        const extras = (
          <>
            {draft && (
              <Tag color="gold" className="jx-no-print jx-report-tag">
                {t("report.draftTag")}
              </Tag>
            )}
            {tools?.(s)}
          </>
        );
        const heading = `${s.number}${s.title}`;
        const [first, ...rest] = s.paragraphs;
        return (
          <section key={s.key} data-section={s.key}>
            {s.runIn ? (
              <p className={first?.draft ? "jx-report-draft" : undefined}>
                <strong className="jx-report-runin">{heading}：</strong>
                {first?.text}
                {extras}
              </p>
            ) : (
              <Heading level={s.level}>
                {heading}
                {extras}
              </Heading>
            )}
            {(s.runIn ? rest : s.paragraphs).map((p, i) => (
              <p key={i} className={p.draft ? "jx-report-draft" : undefined}>
                {p.text}
              </p>
            ))}
            {s.tables.map((table, i) => (
              <Table key={i} table={table} />
            ))}
            {below?.(s)}
          </section>
        );
      })}
    </article>
  );
}

/** 一、 at h2, （一） at h3, 1. at h4, （1） at h5. */
function Heading({ level, children }: { level: number; children: ReactNode }) {
  switch (level) {
    case 1:
      return <h2>{children}</h2>;
    case 2:
      return <h3>{children}</h3>;
    case 3:
      return <h4>{children}</h4>;
    default:
      return <h5>{children}</h5>;
  }
}

/** A table of the report: header cells, then body cells, spanning rows and columns as the server says. */
function Table({ table }: { table: ReportTable }) {
  return (
    // On a phone the table scrolls sideways in its own box (which the keyboard can scroll too).
    <div className="jx-report-table-scroll" role="region" aria-label={table.title} tabIndex={0}>
      <table className="jx-report-table">
        <caption>{table.title}</caption>
        <thead>
          {table.header.map((row, i) => (
            <tr key={i}>
              {row.cells.map((c, j) => (
                <th key={j} rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined} colSpan={c.colSpan > 1 ? c.colSpan : undefined}>
                  {c.text}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.cells.map((c, j) => (
                <td
                  key={j}
                  rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
                  colSpan={c.colSpan > 1 ? c.colSpan : undefined}
                  className={c.numeric ? "num" : undefined}
                >
                  {c.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
