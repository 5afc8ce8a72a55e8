import { useState } from "react";
import { Alert, Form, Modal, Select, Typography } from "antd";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { errorText, fieldErrors } from "../../api/errors";
import { LibraryTagsDocument, ProposeIndicatorDocument } from "./query";

/** The indicator being proposed: its id and name. */
export interface Proposal {
  id: string;
  name: string;
}

/**
 * 提交到指标库: proposes an indicator to the common library with the tags given. The server makes
 * the entry from the indicator and says when the library has it already.
 */
export default function ProposeIndicatorModal({ indicator, onClose }: { indicator?: Proposal; onClose(done?: string): void }) {
  const { t } = useTranslation();
  const [tags, setTags] = useState<string[]>([]);
  const [problem, setProblem] = useState<string>();
  const [{ fetching }, propose] = useMutation(ProposeIndicatorDocument);
  const [{ data }] = useQuery({ query: LibraryTagsDocument, pause: !indicator });
  const close = (done?: string) => {
    setTags([]);
    setProblem(undefined);
    onClose(done);
  };
  const submit = async () => {
    if (!indicator) return;
    setProblem(undefined);
    const r = await propose({ id: indicator.id, tags });
    const errors = fieldErrors(r.error);
    if (errors.length) return setProblem(errors.map((e) => errorText(t, e)).join(" "));
    close(t("library.proposedIndicator", { name: indicator.name }));
  };
  return (
    <Modal
      open={!!indicator}
      title={indicator && t("library.proposeTitle", { name: indicator.name })}
      okText={t("library.proposeOk")}
      cancelText={t("common.cancel")}
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={() => close()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("library.proposeHint")}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t("library.tags")}>
          <Select
            mode="tags"
            value={tags}
            onChange={setTags}
            tokenSeparators={[",", "，", "、"]}
            options={(data?.libraryTags ?? []).map((v) => ({ value: v, label: v }))}
            placeholder={t("library.tagsPlaceholder")}
            aria-label={t("library.tags")}
          />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon message={problem} role="alert" />}
    </Modal>
  );
}
