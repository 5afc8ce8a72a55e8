import { useState } from "react";
import { Alert, Button, Empty, Form, Input, InputNumber, List, Modal, Popconfirm, Space, Typography, message } from "antd";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DepartmentYearKeyTaskFragment } from "../../gql/graphql";
import { ServerAlerts, sortErrors, useErrorTitle, type Sorted } from "./serverErrors";
import { errorText, fieldErrors, type FieldError } from "../../api/errors";

export const DepartmentYearKeyTaskFragmentDoc = graphql(`
  fragment DepartmentYearKeyTask on KeyTask {
    id
    position
    title
    content
    outcome
    version
  }
`);

const CreateKeyTaskDocument = graphql(`
  mutation DepartmentYearCreateKeyTask($input: CreateKeyTaskInput!) {
    createKeyTask(input: $input) {
      ...DepartmentYearKeyTask
    }
  }
`);

const UpdateKeyTaskDocument = graphql(`
  mutation DepartmentYearUpdateKeyTask($id: ID!, $input: UpdateKeyTaskInput!, $version: Int) {
    updateKeyTask(id: $id, input: $input, version: $version) {
      ...DepartmentYearKeyTask
    }
  }
`);

const DeleteKeyTaskDocument = graphql(`
  mutation DepartmentYearDeleteKeyTask($id: ID!) {
    deleteKeyTask(id: $id)
  }
`);

type Task = DepartmentYearKeyTaskFragment;
interface Values {
  position: number | null;
  title: string;
  content: string;
  outcome: string;
}
const taskFields = ["position", "title", "content", "outcome"];
// A delete answers with an id only: name what it changes so the page's query is refreshed. Saves
// answer with the KeyTask, which refreshes it; a refused save refreshes nothing, so the dialog
// keeps its message and what was typed.
const deleted = { additionalTypenames: ["KeyTask"] };

/** The department-year's key tasks (重点任务): listed in position order, added, edited and deleted. */
export default function KeyTasks({
  yearID,
  tasks,
  editable,
  onReload,
}: {
  yearID: string;
  tasks: readonly Task[];
  editable: boolean;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const title = useErrorTitle();
  // The task being edited, "new" for a new one, undefined when the dialog is closed.
  const [editing, setEditing] = useState<string>();
  const [deleteError, setDeleteError] = useState<FieldError[]>([]);
  const [{ fetching: deleting }, remove] = useMutation(DeleteKeyTaskDocument);
  const [messages, contextHolder] = message.useMessage();
  const current = editing && editing !== "new" ? tasks.find((k) => k.id === editing) : undefined;
  const nextPosition = tasks.reduce((max, k) => Math.max(max, k.position), 0) + 1;

  const del = async (id: string) => {
    setDeleteError([]);
    const r = await remove({ id }, deleted);
    if (r.error) setDeleteError(fieldErrors(r.error));
    else void messages.success(t("departmentYear.keyTasks.deleted"));
  };

  return (
    <>
      {contextHolder}
      {deleteError.map((e, i) => (
        <Alert
          key={i}
          type="error"
          showIcon
          role="alert"
          closable
          onClose={() => setDeleteError([])}
          message={title(e.code)}
          description={errorText(t, e)}
          style={{ marginBottom: 12 }}
        />
      ))}
      <List
        dataSource={[...tasks]}
        rowKey="id"
        data-testid="key-tasks"
        locale={{ emptyText: <Empty description={t("departmentYear.keyTasks.empty")} /> }}
        renderItem={(k) => (
          <List.Item
            actions={
              editable
                ? [
                    <Button key="edit" type="link" size="small" onClick={() => setEditing(k.id)}>
                      {t("departmentYear.edit")}
                    </Button>,
                    <Popconfirm
                      key="delete"
                      title={t("departmentYear.keyTasks.confirmDelete", { title: k.title })}
                      okText={t("departmentYear.delete")}
                      cancelText={t("common.cancel")}
                      onConfirm={() => del(k.id)}
                    >
                      <Button type="link" size="small" danger loading={deleting}>
                        {t("departmentYear.delete")}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={`${k.position}. ${k.title}`}
              description={
                <>
                  {k.content && (
                    <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: "pre-wrap" }}>
                      <Typography.Text strong>{t("departmentYear.keyTasks.content")}
                        {t("departmentYear.colon")}
                      </Typography.Text>
                      {k.content}
                    </Typography.Paragraph>
                  )}
                  {k.outcome && (
                    <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: "pre-wrap" }}>
                      <Typography.Text strong>{t("departmentYear.keyTasks.outcome")}
                        {t("departmentYear.colon")}
                      </Typography.Text>
                      {k.outcome}
                    </Typography.Paragraph>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      {editable && (
        <Button onClick={() => setEditing("new")} style={{ marginTop: 8 }} data-testid="key-task-add">
          {t("departmentYear.keyTasks.add")}
        </Button>
      )}
      {editing && (
        <TaskDialog
          // A reload brings a new version: the dialog starts again from what was saved.
          key={current ? `${current.id}:${current.version}` : editing}
          yearID={yearID}
          task={current}
          missing={editing !== "new" && !current}
          nextPosition={nextPosition}
          onClose={() => setEditing(undefined)}
          onReload={onReload}
        />
      )}
    </>
  );
}

function TaskDialog({
  yearID,
  task,
  missing,
  nextPosition,
  onClose,
  onReload,
}: {
  yearID: string;
  task: Task | undefined;
  missing: boolean;
  nextPosition: number;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [sorted, setSorted] = useState<Sorted>();
  const [{ fetching: creating }, create] = useMutation(CreateKeyTaskDocument);
  const [{ fetching: updating }, update] = useMutation(UpdateKeyTaskDocument);

  const save = async (v: Values) => {
    setSorted(undefined);
    const input = { title: v.title.trim(), content: v.content ?? "", outcome: v.outcome ?? "", position: v.position ?? nextPosition };
    const r = task
      ? await update({ id: task.id, input, version: task.version })
      : await create({ input: { ...input, departmentYearID: yearID } });
    if (r.error) {
      const s = sortErrors(t, r.error, taskFields);
      form.setFields(Object.entries(s.fields).map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })));
      setSorted(s);
      return;
    }
    onClose();
  };

  return (
    <Modal
      open
      title={task ? t("departmentYear.keyTasks.editTitle") : t("departmentYear.keyTasks.add")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      okButtonProps={{ loading: creating || updating, disabled: missing }}
      onCancel={onClose}
      destroyOnHidden
    >
      {missing && <Alert type="warning" showIcon message={t("departmentYear.keyTasks.gone")} style={{ marginBottom: 12 }} />}
      <ServerAlerts
        sorted={sorted}
        onReload={() => {
          setSorted(undefined);
          onReload();
        }}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          task
            ? { position: task.position, title: task.title, content: task.content, outcome: task.outcome }
            : { position: nextPosition, title: "", content: "", outcome: "" }
        }
        onFinish={(v) => void save(v)}
      >
        <Space align="start" style={{ display: "flex" }}>
          <Form.Item name="position" label={t("departmentYear.keyTasks.position")} style={{ width: 100 }}>
            <InputNumber min={0} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t("departmentYear.keyTasks.taskTitle")}
            rules={[{ required: true, whitespace: true, message: t("departmentYear.keyTasks.titleRequired") }]}
            style={{ flex: 1, minWidth: 300 }}
          >
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="content" label={t("departmentYear.keyTasks.content")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="outcome" label={t("departmentYear.keyTasks.outcome")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
