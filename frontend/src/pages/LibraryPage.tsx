import { useState } from "react";
import { Alert, Button, Card, Input, Modal, Popconfirm, Select, Space, Typography, message } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { errorsText, errorText, fieldErrors } from "../api/errors";
import { useAuth } from "../auth/AuthContext";
import { nodes } from "../lib/relay";
import CreateEntryModal from "./library/CreateEntryModal";
import LibraryDetails from "./library/LibraryDetails";
import LibraryTable, { LibraryFilters } from "./library/LibraryTable";
import {
  ApproveLibraryDocument,
  DeleteLibraryDocument,
  LibraryListDocument,
  libraryWhere,
  ProposeLibraryDocument,
  ReturnLibraryDocument,
  type LibraryEntry,
} from "./library/query";

const SCOPES = ["COMMON", "DEPARTMENT"] as const;
const STATUSES = ["DRAFT", "PROPOSED", "APPROVED", "RETURNED"] as const;

/**
 * 指标库: the entries the caller reads, searched and filtered, each with where it is used and its
 * review history; the finance bureau approves or returns proposals with a comment, departments
 * propose their own entries. Who may do what is the server's answer (viewerCan).
 */
export default function LibraryPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [search, setSearch] = useState("");
  const [tags, setTags] = useState<string[]>([]);
  const [scope, setScope] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<LibraryEntry>();
  const [reviewing, setReviewing] = useState<{ entry: LibraryEntry; approve: boolean }>();
  const [problem, setProblem] = useState<string>();
  const [messages, holder] = message.useMessage();
  const extra: Record<string, unknown> = {};
  if (scope) extra.scope = scope;
  if (status) extra.status = status;
  const [{ data, fetching, error }, refetch] = useQuery({ query: LibraryListDocument, variables: { where: libraryWhere(search, tags, extra) } });
  const [, propose] = useMutation(ProposeLibraryDocument);
  const [, remove] = useMutation(DeleteLibraryDocument);
  const entries = nodes<LibraryEntry>(data?.libraryIndicators);
  const bureau = me?.role === "ADMIN" || me?.role === "REVIEWER";
  const department = me?.role === "EDITOR" && me.scope ? { id: me.scope.id, name: me.scope.name } : undefined;

  const done = async (r: Promise<{ error?: Parameters<typeof fieldErrors>[0] }>, ok: string) => {
    setProblem(undefined);
    const errors = fieldErrors((await r).error);
    if (errors.length) return setProblem(errors.map((e) => errorText(t, e)).join(" "));
    void messages.success(ok);
    refetch({ requestPolicy: "network-only" });
  };

  const actions = (e: LibraryEntry) => (
    <Space size={4} wrap>
      {e.viewerCan.propose && (
        <Button size="small" onClick={() => void done(propose({ id: e.id }), t("library.proposed", { name: e.name }))}>
          {t("library.propose")}
        </Button>
      )}
      {e.viewerCan.review && (
        <>
          <Button size="small" type="primary" onClick={() => setReviewing({ entry: e, approve: true })}>
            {t("library.approve")}
          </Button>
          <Button size="small" danger onClick={() => setReviewing({ entry: e, approve: false })}>
            {t("library.return")}
          </Button>
        </>
      )}
      {e.viewerCan.edit && (
        <Button size="small" onClick={() => setEditing(e)}>
          {t("library.edit")}
        </Button>
      )}
      {e.viewerCan.edit && e.usageCount === 0 && (
        <Popconfirm
          title={t("library.deleteConfirm", { name: e.name })}
          okText={t("common.ok")}
          cancelText={t("common.cancel")}
          onConfirm={() => void done(remove({ id: e.id }), t("library.deleted", { name: e.name }))}
        >
          <Button size="small" type="text" danger>
            {t("library.deleteEntry")}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Card
      title={t("library.title")}
      extra={
        (bureau || department) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="library-create">
            {t("library.add")}
          </Button>
        )
      }
    >
      {holder}
      <Typography.Paragraph type="secondary">{t("library.intro")}</Typography.Paragraph>
      <LibraryFilters search={search} tags={tags} onSearch={setSearch} onTags={setTags}>
        <Select
          allowClear
          value={scope}
          onChange={setScope}
          placeholder={t("library.scopeFilter")}
          aria-label={t("library.scopeFilter")}
          options={SCOPES.map((s) => ({ value: s, label: t(`library.scope.${s}`) }))}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t("library.statusFilter")}
          aria-label={t("library.statusFilter")}
          options={STATUSES.map((s) => ({ value: s, label: t(`library.status.${s}`) }))}
          style={{ width: 140 }}
          data-testid="library-status"
        />
      </LibraryFilters>
      {error && <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} style={{ marginBottom: 12 }} />}
      {problem && <Alert type="error" showIcon closable onClose={() => setProblem(undefined)} message={problem} role="alert" style={{ marginBottom: 12 }} />}
      <LibraryTable entries={entries} loading={fetching} details={(e) => <LibraryDetails entry={e} />} actions={actions} />
      <CreateEntryModal
        key={editing?.id ?? "new"}
        open={creating || !!editing}
        bureau={bureau}
        department={department}
        entry={editing}
        onClose={(created) => {
          setCreating(false);
          setEditing(undefined);
          if (created) {
            void messages.success(created);
            refetch({ requestPolicy: "network-only" });
          }
        }}
      />
      <ReviewModal
        review={reviewing}
        onClose={(ok) => {
          setReviewing(undefined);
          if (ok) {
            void messages.success(ok);
            refetch({ requestPolicy: "network-only" });
          }
        }}
      />
    </Card>
  );
}

/** Approving (with an optional comment) or returning (with a required one) a proposal. */
function ReviewModal({ review, onClose }: { review?: { entry: LibraryEntry; approve: boolean }; onClose(ok?: string): void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string>();
  const [{ fetching: approving }, approve] = useMutation(ApproveLibraryDocument);
  const [{ fetching: returning }, giveBack] = useMutation(ReturnLibraryDocument);
  if (!review) return null;
  const { entry } = review;
  const close = (ok?: string) => {
    setComment("");
    setProblem(undefined);
    onClose(ok);
  };
  const submit = async () => {
    if (!review.approve && !comment.trim()) return setProblem(t("library.returnCommentRequired"));
    const r = review.approve ? await approve({ id: entry.id, comment: comment.trim() || undefined }) : await giveBack({ id: entry.id, comment });
    const errors = fieldErrors(r.error);
    if (errors.length) return setProblem(errors.map((e) => errorText(t, e)).join(" "));
    close(t(review.approve ? "library.approved" : "library.returned", { name: entry.name }));
  };
  return (
    <Modal
      open
      title={review.approve ? `${t("library.approve")}：${entry.name}` : t("library.returnTitle", { name: entry.name })}
      okText={review.approve ? t("library.approve") : t("library.return")}
      okButtonProps={{ danger: !review.approve }}
      cancelText={t("common.cancel")}
      confirmLoading={approving || returning}
      onOk={() => void submit()}
      onCancel={() => close()}
    >
      <Input.TextArea
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={review.approve ? t("library.approveComment") : t("library.returnComment")}
        aria-label={review.approve ? t("library.approveComment") : t("library.returnComment")}
        autoSize={{ minRows: 3 }}
      />
      {problem && <Alert type="error" showIcon message={problem} role="alert" style={{ marginTop: 12 }} />}
    </Modal>
  );
}
