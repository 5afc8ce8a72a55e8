import { useState } from "react";
import { Alert, Button, Modal, Space, Spin, Table, Tag, Typography, Upload, message } from "antd";
import { UploadOutlined } from "@ant-design/icons";
import { useClient } from "urql";
import { useTranslation } from "react-i18next";
import type { FormImportMutation } from "../../gql/graphql";
import { errorText, fieldErrors } from "../../api/errors";
import { changeFieldName, changeValue, ImportFormDocument, problemRef, problemText } from "./formFile";
import DocumentDownloadButton from "./DocumentDownloadButton";

type Result = FormImportMutation["importEvaluationForm"];
type Change = Result["changes"][number];

/** Downloads the evaluation's form as an Excel workbook, as the server lays it out. */
export function FormDownloadButton({ evaluationID }: { evaluationID: string }) {
  const { t } = useTranslation();
  return <DocumentDownloadButton evaluationID={evaluationID} document="form.xlsx" label={t("forms.download")} title={t("forms.downloadTitle")} />;
}

/** The button that opens the import dialog; after an import is applied, onApplied reloads the page's data. */
export function FormImportButton({ evaluationID, onApplied }: { evaluationID: string; onApplied(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t("forms.import")}
      </Button>
      {open && <FormImportDialog evaluationID={evaluationID} onClose={() => setOpen(false)} onApplied={onApplied} />}
    </>
  );
}

type Phase = "idle" | "checking" | "checked" | "applying";

/**
 * Imports a workbook in two steps: the chosen file is sent as a dry run, which lists every
 * problem by sheet and cell, or every change with the score before and after; confirming
 * sends it again to be applied. Nothing is saved before the confirmation.
 */
export default function FormImportDialog({
  evaluationID,
  onClose,
  onApplied,
}: {
  evaluationID: string;
  onClose(): void;
  onApplied(): void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [file, setFile] = useState<File>();
  const [phase, setPhase] = useState<Phase>("idle");
  const [result, setResult] = useState<Result>();
  const [errors, setErrors] = useState<string[]>([]);

  const send = async (f: File, dryRun: boolean): Promise<Result | undefined> => {
    const r = await client.mutation(ImportFormDocument, { evaluationID, file: f, dryRun }).toPromise();
    if (r.error || !r.data) {
      setErrors(fieldErrors(r.error).map((e) => errorText(t, e)));
      return undefined;
    }
    setErrors([]);
    return r.data.importEvaluationForm;
  };

  const check = async (f: File) => {
    setFile(f);
    setResult(undefined);
    setPhase("checking");
    setResult(await send(f, true));
    setPhase("checked");
  };

  const apply = async () => {
    if (!file) return;
    setPhase("applying");
    const r = await send(file, false);
    setPhase("checked");
    if (!r) return;
    setResult(r);
    if (r.applied) {
      void message.success(t("forms.applied", { count: r.changes.length, score: r.scoreAfter }));
      onApplied();
      onClose();
    }
  };

  const problems = result?.problems ?? [];
  const changes = result?.changes ?? [];
  const ready = phase === "checked" && !!result && problems.length === 0 && changes.length > 0;

  return (
    <Modal
      open
      width={960}
      title={t("forms.importTitle")}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button key="confirm" type="primary" disabled={!ready} loading={phase === "applying"} onClick={() => void apply()}>
          {t("forms.confirm")}
        </Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Paragraph type="secondary">{t("forms.importIntro")}</Typography.Paragraph>
        <Space>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(f) => {
              void check(f);
              return false; // sent by the mutation, not by the Upload's own request
            }}
          >
            <Button icon={<UploadOutlined />} disabled={phase === "checking" || phase === "applying"}>
              {file ? t("forms.rechoose") : t("forms.choose")}
            </Button>
          </Upload>
          {file && <Typography.Text data-testid="import-file">{file.name}</Typography.Text>}
        </Space>
        {(phase === "checking" || phase === "applying") && (
          <Space>
            <Spin size="small" />
            <Typography.Text type="secondary">{t(phase === "checking" ? "forms.checking" : "forms.applying")}</Typography.Text>
          </Space>
        )}
        {errors.length > 0 && <Alert type="error" showIcon message={t("common.error")} description={errors.join("；")} />}
        {result && phase !== "checking" && (
          <>
            <Typography.Text type="secondary">{t("forms.read", { form: t(`forms.form.${result.form}`) })}</Typography.Text>
            {problems.length > 0 ? (
              <Alert
                type="error"
                showIcon
                data-testid="import-problems"
                message={t("forms.problemsTitle", { count: problems.length })}
                description={
                  <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 360, overflow: "auto" }}>
                    {problems.map((p, i) => (
                      <li key={i} data-ref={problemRef(p)}>
                        {problemText(t, p)}
                      </li>
                    ))}
                  </ul>
                }
              />
            ) : changes.length === 0 ? (
              <Alert type="success" showIcon message={t("forms.noChanges")} />
            ) : (
              <Changes changes={changes} before={result.scoreBefore} after={result.scoreAfter ?? undefined} />
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}

const KIND_COLORS: Record<string, string> = { ADDED: "green", CHANGED: "blue", REMOVED: "red" };

/** What the import would change: each row, its fields before and after, the scores. */
function Changes({ changes, before, after }: { changes: Change[]; before: string; after?: string }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="import-changes">
      <Alert
        type="info"
        showIcon
        message={t("forms.changesTitle", { count: changes.length })}
        description={t("forms.score", { before, after: after ?? "—" })}
      />
      <Table<Change>
        size="small"
        pagination={false}
        scroll={{ y: 360 }}
        rowKey={(c) => `${c.kind}:${c.entity}:${c.id ?? ""}:${c.row ?? ""}:${c.name}`}
        dataSource={changes}
        columns={[
          {
            key: "kind",
            width: 72,
            render: (_, c) => <Tag color={KIND_COLORS[c.kind]}>{t(`forms.kind.${c.kind}`)}</Tag>,
          },
          {
            key: "what",
            width: 260,
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{c.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {[t(`forms.entity.${c.entity}`, { defaultValue: c.entity }), c.level1, c.level2, c.row != null ? t("forms.row", { row: c.row }) : null]
                    .filter(Boolean)
                    .join(" · ")}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: "fields",
            render: (_, c) => (
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {c.fields
                  .filter((f) => c.kind !== "REMOVED" || f.before != null)
                  .map((f) => (
                    <li key={f.field}>
                      {changeFieldName(t, f.field)}：
                      {c.kind === "CHANGED" && <>{changeValue(t, f.field, f.before)} → </>}
                      {changeValue(t, f.field, c.kind === "REMOVED" ? f.before : f.after)}
                    </li>
                  ))}
              </ul>
            ),
          },
          {
            key: "score",
            width: 120,
            align: "right",
            render: (_, c) =>
              c.entity === "Indicator" ? `${c.scoreBefore ?? "—"} → ${c.kind === "REMOVED" ? "—" : (c.scoreAfter ?? "—")}` : null,
          },
        ]}
      />
    </Space>
  );
}
