import { useState } from "react";
import { Alert, Form, Input, Modal, Typography } from "antd";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { errorText, fieldErrors, type FieldError } from "../../api/errors";
import { FileTargetsDocument, type TargetVersion } from "./query";

/** 申报绩效目标: files the year's indicators as they stand, with an optional note to the reviewer. */
export default function FileModal({
  open,
  yearID,
  year,
  onClose,
}: {
  open: boolean;
  yearID: string;
  year: number;
  onClose(filed?: TargetVersion): void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, file] = useMutation(FileTargetsDocument);
  const close = (filed?: TargetVersion) => {
    setNote("");
    setErrors([]);
    onClose(filed);
  };
  const submit = async () => {
    setErrors([]);
    const r = await file({ departmentYearID: yearID, note: note.trim() || undefined }, { additionalTypenames: ["TargetVersion"] });
    if (r.error || !r.data) return setErrors(fieldErrors(r.error));
    close(r.data.fileTargets);
  };
  const noteError = errors.find((e) => e.field === "note");
  const general = errors.filter((e) => e !== noteError);
  return (
    <Modal
      open={open}
      title={t("targets.fileTitle", { year })}
      okText={t("targets.fileOk")}
      cancelText={t("common.cancel")}
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={() => close()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("targets.fileHint")}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item
          label={t("targets.fileNote")}
          htmlFor="targets-file-note"
          validateStatus={noteError ? "error" : undefined}
          help={noteError && errorText(t, noteError)}
        >
          <Input.TextArea
            id="targets-file-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t("targets.fileNotePlaceholder")}
            autoSize={{ minRows: 2 }}
          />
        </Form.Item>
      </Form>
      {general.map((e, i) => (
        <Alert
          key={i}
          type="error"
          showIcon
          role="alert"
          message={errorText(t, e)}
          // A quantitative indicator without its target: the editor is where it is fixed.
          action={
            e.reason === "TARGET_MISSING" || e.reason === "NO_INDICATORS" ? (
              <Link to={`/years/${yearID}/indicators`}>{t("targets.openIndicators")}</Link>
            ) : undefined
          }
          style={{ marginTop: 8 }}
        />
      ))}
    </Modal>
  );
}
