import { useState } from "react";
import { Alert, Form, Input, Modal, Typography } from "antd";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { errorText, fieldErrors, type FieldError } from "../../api/errors";
import { ApproveTargetsDocument, ReturnTargetsDocument, type TargetVersion } from "./query";

export interface Review {
  version: Pick<TargetVersion, "id" | "number" | "kind">;
  approve: boolean;
}

/** The finance bureau's decision on a waiting version: approve (comment optional) or return (comment required). */
export default function ReviewModal({ review, onClose }: { review?: Review; onClose(decided?: TargetVersion): void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const [required, setRequired] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching: approving }, approve] = useMutation(ApproveTargetsDocument);
  const [{ fetching: returning }, giveBack] = useMutation(ReturnTargetsDocument);
  if (!review) return null;
  const { version } = review;
  const kind = t(`targets.kind.${version.kind}`);
  const close = (decided?: TargetVersion) => {
    setComment("");
    setRequired(false);
    setErrors([]);
    onClose(decided);
  };
  const submit = async () => {
    setErrors([]);
    if (!review.approve && !comment.trim()) return setRequired(true);
    const context = { additionalTypenames: ["TargetVersion", "Indicator"] };
    const r = review.approve
      ? await approve({ id: version.id, comment: comment.trim() || undefined }, context)
      : await giveBack({ id: version.id, comment: comment.trim() }, context);
    if (r.error || !r.data) return setErrors(fieldErrors(r.error));
    close("approveTargets" in r.data ? r.data.approveTargets : r.data.returnTargets);
  };
  const label = review.approve ? t("targets.approveComment") : t("targets.returnComment");
  const commentError = errors.find((e) => e.field === "comment");
  const general = errors.filter((e) => e !== commentError);
  const help = required ? t("targets.returnCommentRequired") : commentError && errorText(t, commentError);
  return (
    <Modal
      open
      title={t(review.approve ? "targets.reviewTitle" : "targets.returnTitle", { number: version.number, kind })}
      okText={review.approve ? t("targets.approve") : t("targets.return")}
      okButtonProps={{ danger: !review.approve }}
      cancelText={t("common.cancel")}
      confirmLoading={approving || returning}
      onOk={() => void submit()}
      onCancel={() => close()}
    >
      {review.approve && (
        <Typography.Paragraph type="secondary">
          {t(version.kind === "ADJUSTMENT" ? "targets.approveAdjustmentHint" : "targets.approveHint")}
        </Typography.Paragraph>
      )}
      <Form layout="vertical">
        <Form.Item
          label={label}
          htmlFor="targets-review-comment"
          required={!review.approve}
          validateStatus={help ? "error" : undefined}
          help={help && <span role="alert">{help}</span>}
        >
          <Input.TextArea
            id="targets-review-comment"
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              if (e.target.value.trim()) setRequired(false);
            }}
            autoSize={{ minRows: 3 }}
          />
        </Form.Item>
      </Form>
      {general.map((e, i) => (
        <Alert key={i} type="error" showIcon role="alert" message={errorText(t, e)} />
      ))}
    </Modal>
  );
}
