import type { ReactNode } from "react";
import { Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { plain, targetText } from "../../lib/format";
import type { TargetAdjustment, TargetChange, TargetEntry } from "./query";
import "./targets.css";

/** A project's id → its name, for the version tables' sections. */
export type ProjectNames = ReadonlyMap<string, string>;

export interface Subject<T> {
  /** "overall", or the project's id. */
  key: string;
  title: string;
  items: T[];
}

/** The title of an entry's subject: the department overall, or its project. */
export function subjectTitle(t: TFunction, projectID: string | null | undefined, projects: ProjectNames): string {
  if (!projectID) return t("targets.overall");
  const name = projects.get(projectID);
  return name ? t("targets.project", { name }) : t("targets.unknownProject", { id: projectID });
}

/** Items split by subject, the department's first, then each project in the order the items first name it. */
export function bySubject<T>(items: T[], projectOf: (item: T) => string | null | undefined, t: TFunction, projects: ProjectNames): Subject<T>[] {
  const out = new Map<string, Subject<T>>();
  out.set("overall", { key: "overall", title: t("targets.overall"), items: [] });
  for (const item of items) {
    const p = projectOf(item);
    const key = p ?? "overall";
    let s = out.get(key);
    if (!s) out.set(key, (s = { key, title: subjectTitle(t, p, projects), items: [] }));
    s.items.push(item);
  }
  return [...out.values()].filter((s) => s.items.length > 0);
}

/**
 * Entries in the editor's order: by level-1 group (in the order of its first indicator), then by
 * level-2 group, each indicator in its place.
 */
export function editorOrder<T extends { level1: string; level2: string }>(entries: T[]): T[] {
  const groups = new Map<string, Map<string, T[]>>();
  for (const e of entries) {
    let l2 = groups.get(e.level1);
    if (!l2) groups.set(e.level1, (l2 = new Map()));
    const list = l2.get(e.level2);
    if (list) list.push(e);
    else l2.set(e.level2, [e]);
  }
  return [...groups.values()].flatMap((l2) => [...l2.values()].flat());
}

/** An entry's target as read: operator, value and unit (≥80 人次), or the qualitative tag. */
export function TargetText({ entry }: { entry: Pick<TargetEntry, "kind" | "operator" | "target" | "unit"> }) {
  const { t } = useTranslation();
  if (entry.kind === "QUALITATIVE") return <Tag color="purple">{t("targets.qualitative")}</Tag>;
  return <>{targetText(entry)}</>;
}

/** A value with the original (as the caller writes it) beside it when an approved adjustment changed it: 100（原 80）, the reasons in a tooltip. */
export function WithOriginal({
  value,
  original,
  adjustment,
  what,
}: {
  value: ReactNode;
  original: string | null | undefined;
  adjustment: Pick<TargetAdjustment, "versions">;
  what: "originalTarget" | "originalWeight";
}) {
  const { t } = useTranslation();
  const reasons = adjustment.versions.map((v) => t("targets.adjustmentReason", { number: v.number, reason: v.reason })).join("；");
  const shown = original ?? "—";
  return (
    <Tooltip title={t("targets.originalTip", { what: t(`targets.${what}`), value: shown, reasons })}>
      <span className="tgt-adjusted">
        {value}
        <span className="tgt-original">{t("targets.original", { value: shown })}</span>
      </span>
    </Tooltip>
  );
}

type EntryRow = TargetEntry & { level1Span: number; level2Span: number };

/** Row spans merging the level-1 and level-2 cells of consecutive rows of the same group. */
function withSpans(entries: TargetEntry[]): EntryRow[] {
  const rows: EntryRow[] = entries.map((e) => ({ ...e, level1Span: 0, level2Span: 0 }));
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j].level1 === rows[i].level1) j++;
    rows[i].level1Span = j - i;
    for (let k = i; k < j; ) {
      let m = k;
      while (m < j && rows[m].level2 === rows[k].level2) m++;
      rows[k].level2Span = m - k;
      k = m;
    }
    i = j;
  }
  return rows;
}

/**
 * A version's indicator tree, one table per subject (the department's, each project's), in the
 * editor's order; with adjustments (the version in force), each adjusted value shows its original.
 */
export function EntriesTable({
  entries,
  projects,
  adjustments,
  testId,
}: {
  entries: TargetEntry[];
  projects: ProjectNames;
  adjustments?: ReadonlyMap<string, TargetAdjustment>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const columns: ColumnsType<EntryRow> = [
    { key: "level1", title: t("targets.col.level1"), dataIndex: "level1", width: 140, onCell: (r) => ({ rowSpan: r.level1Span }) },
    { key: "level2", title: t("targets.col.level2"), dataIndex: "level2", width: 140, onCell: (r) => ({ rowSpan: r.level2Span }) },
    { key: "name", title: t("targets.col.name"), dataIndex: "name" },
    {
      key: "target",
      title: t("targets.col.target"),
      width: 200,
      render: (_, r) => {
        const a = adjustments?.get(r.indicatorID);
        const text = <TargetText entry={r} />;
        return a && a.originalTarget != null && r.target != null && plain(a.originalTarget) !== plain(r.target) ? (
          <WithOriginal value={text} original={plain(a.originalTarget)} adjustment={a} what="originalTarget" />
        ) : (
          text
        );
      },
    },
    {
      key: "weight",
      title: t("targets.col.weight"),
      width: 140,
      align: "right",
      render: (_, r) => {
        const a = adjustments?.get(r.indicatorID);
        return a && plain(a.originalWeight) !== plain(r.weight) ? (
          <WithOriginal value={plain(r.weight)} original={plain(a.originalWeight)} adjustment={a} what="originalWeight" />
        ) : (
          plain(r.weight)
        );
      },
    },
  ];
  return (
    <div data-testid={testId}>
      {bySubject(entries, (e) => e.projectID, t, projects).map((s) => (
        <div key={s.key} className="tgt-subject">
          <Typography.Title level={5}>{s.title}</Typography.Title>
          <Table<EntryRow>
            size="small"
            bordered
            pagination={false}
            rowKey="indicatorID"
            scroll={{ x: 1000 }}
            columns={columns}
            dataSource={withSpans(editorOrder(s.items))}
          />
        </div>
      ))}
    </div>
  );
}

/** One value's change: 原 → 新, highlighted when it changed. */
function Delta({ before, after, changed }: { before: ReactNode; after: ReactNode; changed: boolean }) {
  if (!changed) return <span>{after}</span>;
  return (
    <span className="tgt-delta" data-changed="true">
      <span className="tgt-before">{before}</span>
      <span aria-hidden> → </span>
      <span className="tgt-after">{after}</span>
    </span>
  );
}

/** How indicators differ between two versions: each target and weight 原 → 新, added and removed indicators marked. */
export function ChangesTable({ changes, projects, testId }: { changes: TargetChange[]; projects: ProjectNames; testId?: string }) {
  const { t } = useTranslation();
  // The added or removed mark, when some indicator was (a filing after a return may add or drop them).
  const addsOrDrops = changes.some((c) => !c.before || !c.after);
  const columns: ColumnsType<TargetChange> = [
    {
      key: "name",
      title: t("targets.col.name"),
      fixed: "left",
      width: 200,
      render: (_, c) => {
        const e = c.after ?? c.before;
        return (
          <span>
            {c.name}
            {e && (
              <Typography.Text type="secondary" className="tgt-where">
                {subjectTitle(t, e.projectID, projects)} · {e.level1} / {e.level2}
              </Typography.Text>
            )}
          </span>
        );
      },
    },
    ...(addsOrDrops
      ? [
          {
            key: "change",
            title: t("targets.col.change"),
            width: 90,
            render: (_: unknown, c: TargetChange) =>
              !c.before ? <Tag color="green">{t("targets.added")}</Tag> : !c.after ? <Tag color="red">{t("targets.removed")}</Tag> : null,
          },
        ]
      : []),
    {
      key: "target",
      title: t("targets.col.target"),
      width: 240,
      render: (_, c) => {
        if (!c.before && c.after) return <TargetText entry={c.after} />;
        if (!c.after && c.before) return <TargetText entry={c.before} />;
        return c.before && c.after ? (
          <Delta before={<TargetText entry={c.before} />} after={<TargetText entry={c.after} />} changed={c.targetChanged} />
        ) : null;
      },
    },
    {
      key: "weight",
      title: t("targets.col.weight"),
      width: 160,
      render: (_, c) => {
        if (!c.before || !c.after) return plain((c.after ?? c.before)?.weight);
        return <Delta before={plain(c.before.weight)} after={plain(c.after.weight)} changed={c.weightChanged} />;
      },
    },
  ];
  return (
    <Table<TargetChange>
      data-testid={testId}
      size="small"
      pagination={false}
      rowKey="indicatorID"
      scroll={{ x: 800 }}
      columns={columns}
      dataSource={changes}
      className="tgt-changes"
    />
  );
}
