import { useMemo, useState } from "react";
import { Alert, Form, Input, Modal, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { errorText, fieldErrors, type FieldError } from "../../api/errors";
import { plain } from "../../lib/format";
import { decimalProblem, sameDecimal, sumDecimals, toMicros } from "../indicators/decimal";
import type { TargetChangeInput } from "../../gql/graphql";
import { ProposeTargetAdjustmentDocument, type TargetEntry, type TargetVersion } from "./query";
import { bySubject, editorOrder, subjectTitle, TargetText, type ProjectNames } from "./tables";

type Field = "target" | "weight";
type Draft = Partial<Record<Field, string>>;
/** Messages by indicator and by what they concern: its new target, its new weight, or the row itself. */
type RowErrors = Record<string, Partial<Record<Field | "row", string>>>;

/** Why a typed value cannot be sent, or undefined when it can (or is empty: unchanged). */
function problem(t: TFunction, field: Field, value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (decimalProblem(v)) return t("targets.notNumber");
  if (field === "weight" && (toMicros(v) ?? 0n) <= 0n) return t("targets.weightPositive");
  return undefined;
}

/** The change a row's draft asks for, or undefined when it changes nothing (a value typed as it was counts as none). */
function changeOf(e: TargetEntry, d: Draft | undefined): TargetChangeInput | undefined {
  const target = d?.target?.trim();
  const weight = d?.weight?.trim();
  const c: TargetChangeInput = { indicatorID: e.indicatorID };
  if (target && e.kind === "QUANTITATIVE" && !sameDecimal(target, e.target)) c.target = target;
  if (weight && !sameDecimal(weight, e.weight)) c.weight = weight;
  return c.target !== undefined || c.weight !== undefined ? c : undefined;
}

/**
 * 申请调整: the targets in force, a new target and/or weight typed for some indicators, and the
 * reason (调整原因). Shows each subject's weight total after the change; the server's refusals land
 * on the row and field they name (changes.N.target), the rest above the table.
 */
export default function AdjustModal({
  open,
  yearID,
  entries,
  projects,
  onClose,
}: {
  open: boolean;
  yearID: string;
  entries: TargetEntry[];
  projects: ProjectNames;
  onClose(proposed?: TargetVersion): void;
}) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [reason, setReason] = useState("");
  const [filter, setFilter] = useState("");
  const [tried, setTried] = useState(false);
  const [rowErrors, setRowErrors] = useState<RowErrors>({});
  const [reasonError, setReasonError] = useState<string>();
  const [general, setGeneral] = useState<string[]>([]);
  const [{ fetching }, propose] = useMutation(ProposeTargetAdjustmentDocument);

  const subjects = useMemo(
    () => bySubject(entries, (e) => e.projectID, t, projects).map((s) => ({ ...s, items: editorOrder(s.items) })),
    [entries, t, projects],
  );
  const ordered = useMemo(() => subjects.flatMap((s) => s.items), [subjects]);
  const changes = ordered.flatMap((e) => changeOf(e, drafts[e.indicatorID]) ?? []);
  const invalid = ordered.some((e) => problem(t, "target", drafts[e.indicatorID]?.target) || problem(t, "weight", drafts[e.indicatorID]?.weight));

  const close = (proposed?: TargetVersion) => {
    setDrafts({});
    setReason("");
    setFilter("");
    setTried(false);
    setRowErrors({});
    setReasonError(undefined);
    setGeneral([]);
    onClose(proposed);
  };

  const type = (id: string, field: Field, value: string) => {
    setDrafts((d) => ({ ...d, [id]: { ...d[id], [field]: value } }));
    // A value typed again answers the server's refusal of it.
    setRowErrors((r) => (r[id] ? { ...r, [id]: { ...r[id], [field]: undefined, row: undefined } } : r));
  };

  /** Puts each refusal where it belongs: changes.N.field on its row, reason on the reason, the rest on top. */
  const place = (errors: FieldError[], sent: TargetChangeInput[]) => {
    const rows: RowErrors = {};
    const top: string[] = [];
    let onReason: string | undefined;
    for (const e of errors) {
      const m = e.field ? /^changes\.(\d+)\.(\w+)$/.exec(e.field) : null;
      const id = m ? sent[Number(m[1])]?.indicatorID : undefined;
      if (m && id) {
        const at: Field | "row" = m[2] === "target" || m[2] === "weight" ? m[2] : "row";
        rows[id] = { ...rows[id], [at]: errorText(t, { ...e, field: at === "row" ? undefined : at }) };
      } else if (e.field === "reason") onReason = errorText(t, e);
      else top.push(errorText(t, e));
    }
    setRowErrors(rows);
    setReasonError(onReason);
    setGeneral(top);
  };

  const submit = async () => {
    setTried(true);
    setGeneral([]);
    if (!reason.trim() || changes.length === 0 || invalid) return;
    const sent = changes;
    const r = await propose(
      { departmentYearID: yearID, reason: reason.trim(), changes: sent },
      { additionalTypenames: ["TargetVersion"] },
    );
    if (r.error || !r.data) return place(fieldErrors(r.error), sent);
    close(r.data.proposeTargetAdjustment);
  };

  const shown = filter.trim() ? ordered.filter((e) => e.name.includes(filter.trim())) : ordered;
  const cellError = (e: TargetEntry, field: Field) => problem(t, field, drafts[e.indicatorID]?.[field]) ?? rowErrors[e.indicatorID]?.[field];
  const input = (e: TargetEntry, field: Field) => {
    const error = cellError(e, field);
    return (
      <div>
        <Input
          size="small"
          inputMode="decimal"
          value={drafts[e.indicatorID]?.[field] ?? ""}
          placeholder={field === "target" ? (e.target == null ? "" : plain(e.target)) : plain(e.weight)}
          aria-label={t(field === "target" ? "targets.newTargetOf" : "targets.newWeightOf", { name: e.name })}
          status={error ? "error" : undefined}
          onChange={(ev) => type(e.indicatorID, field, ev.target.value)}
        />
        {error && (
          <Typography.Text type="danger" role="alert" className="tgt-cell-error">
            {error}
          </Typography.Text>
        )}
      </div>
    );
  };
  const columns: ColumnsType<TargetEntry> = [
    {
      key: "name",
      title: t("targets.col.name"),
      render: (_, e) => (
        <span>
          {e.name}
          <Typography.Text type="secondary" className="tgt-where">
            {subjectTitle(t, e.projectID, projects)} · {e.level1} / {e.level2}
          </Typography.Text>
          {rowErrors[e.indicatorID]?.row && (
            <Typography.Text type="danger" role="alert" className="tgt-cell-error">
              {rowErrors[e.indicatorID]?.row}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { key: "current", title: t("targets.currentTarget"), width: 130, render: (_, e) => <TargetText entry={e} /> },
    {
      key: "target",
      title: t("targets.newTarget"),
      width: 150,
      render: (_, e) => (e.kind === "QUANTITATIVE" ? input(e, "target") : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { key: "weight", title: t("targets.currentWeight"), width: 80, align: "right", render: (_, e) => plain(e.weight) },
    { key: "newWeight", title: t("targets.newWeight"), width: 130, render: (_, e) => input(e, "weight") },
  ];

  // Each subject's sum of weights before and after the change (values still being typed wrongly count as unchanged).
  const totals = subjects.map((s) => {
    const before = sumDecimals(s.items.map((e) => e.weight));
    const after = sumDecimals(
      s.items.map((e) => {
        const w = drafts[e.indicatorID]?.weight?.trim();
        return w && !problem(t, "weight", w) ? w : e.weight;
      }),
    );
    return { key: s.key, subject: s.title, before: plain(before), after: plain(after), changed: !sameDecimal(before, after) };
  });

  return (
    <Modal
      open={open}
      width={1000}
      title={t("targets.adjustTitle")}
      okText={t("targets.adjustOk")}
      cancelText={t("common.cancel")}
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={() => close()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("targets.adjustHint")}</Typography.Paragraph>
      {general.map((g, i) => (
        <Alert key={i} type="error" showIcon role="alert" message={g} style={{ marginBottom: 8 }} />
      ))}
      <Space style={{ marginBottom: 8, width: "100%", justifyContent: "space-between" }} wrap>
        <Input.Search
          allowClear
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder={t("targets.adjustFilter")}
          aria-label={t("targets.adjustFilter")}
          style={{ width: 260 }}
        />
        <Typography.Text data-testid="adjust-count">{t("targets.changedCount", { count: changes.length })}</Typography.Text>
      </Space>
      <Table<TargetEntry>
        size="small"
        bordered
        pagination={false}
        rowKey="indicatorID"
        columns={columns}
        dataSource={shown}
        scroll={{ y: 360 }}
        rowClassName={(e) => (changeOf(e, drafts[e.indicatorID]) ? "tgt-row-changed" : "")}
      />
      <div data-testid="weight-totals" style={{ margin: "8px 0 16px" }}>
        <Space wrap size={[16, 4]}>
          {totals.map((w) => (
            <Typography.Text key={w.key} type={w.changed ? "warning" : undefined} data-testid={`weight-total-${w.key}`}>
              {t(w.changed ? "targets.weightTotalChanged" : "targets.weightTotal", { subject: w.subject, before: w.before, after: w.after })}
            </Typography.Text>
          ))}
        </Space>
      </div>
      {tried && changes.length === 0 && !invalid && (
        <Alert type="warning" showIcon role="alert" message={t("targets.adjustNothing")} style={{ marginBottom: 8 }} />
      )}
      <Form layout="vertical">
        <Form.Item
          label={t("targets.adjustReason")}
          htmlFor="targets-adjust-reason"
          required
          validateStatus={(tried && !reason.trim()) || reasonError ? "error" : undefined}
          help={
            tried && !reason.trim() ? (
              <span role="alert">{t("targets.adjustReasonRequired")}</span>
            ) : (
              reasonError && <span role="alert">{reasonError}</span>
            )
          }
        >
          <Input.TextArea
            id="targets-adjust-reason"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(undefined);
            }}
            placeholder={t("targets.adjustReasonPlaceholder")}
            autoSize={{ minRows: 2 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
