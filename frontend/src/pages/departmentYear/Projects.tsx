import { useState } from "react";
import { Button, Col, Divider, Form, Input, Row, Space, Table, Tag, Typography, message } from "antd";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DepartmentYearProjectFragment } from "../../gql/graphql";
import { percent, wan } from "../../lib/format";
import { checkAmount } from "./amounts";
import { useProblemText } from "./FiguresForm";
import { ServerAlerts, sortErrors, type Sorted } from "./serverErrors";
import { statusColor } from "./status";

export const DepartmentYearProjectFragmentDoc = graphql(`
  fragment DepartmentYearProject on Project {
    id
    code
    name
    category
    budget
    executed
    executionRate
    evaluation {
      id
      status
    }
  }
`);

const CreateProjectDocument = graphql(`
  mutation DepartmentYearCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      ...DepartmentYearProject
      departmentYear {
        id
      }
    }
  }
`);

interface Values {
  name: string;
  code: string;
  category: string;
  budget: string;
  executed: string;
}
const projectFields = ["name", "code", "category", "budget", "executed"];

/** The department-year's projects with budget, execution and links to their indicators and evaluation. */
export function ProjectsTable({ projects, editable }: { projects: readonly DepartmentYearProjectFragment[]; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<DepartmentYearProjectFragment>
      rowKey="id"
      size="small"
      dataSource={[...projects]}
      pagination={false}
      scroll={{ x: true }}
      data-testid="projects"
      locale={{ emptyText: t("departmentYear.projects.empty") }}
      columns={[
        { title: t("departmentYear.projects.code"), dataIndex: "code", render: (c: string) => c || "—" },
        { title: t("departmentYear.projects.name"), dataIndex: "name" },
        { title: t("departmentYear.projects.category"), dataIndex: "category", render: (c: string) => c || "—" },
        {
          title: t("departmentYear.withUnit", { label: t("departmentYear.projects.budget"), unit: t("common.wanUnit") }),
          dataIndex: "budget",
          align: "right",
          render: (v: string) => wan(v),
        },
        {
          title: t("departmentYear.withUnit", { label: t("departmentYear.projects.executed"), unit: t("common.wanUnit") }),
          dataIndex: "executed",
          align: "right",
          render: (v: string) => wan(v),
        },
        {
          title: t("departmentYear.projects.executionRate"),
          dataIndex: "executionRate",
          align: "right",
          render: (v: string | null) => percent(v),
        },
        {
          title: t("departmentYear.projects.indicators"),
          render: (_, p) => (
            <Link to={`/projects/${p.id}/indicators`}>
              {t(editable ? "departmentYear.projects.openIndicators" : "departmentYear.projects.viewIndicators")}
            </Link>
          ),
        },
        {
          title: t("departmentYear.projects.evaluation"),
          render: (_, p) =>
            p.evaluation ? (
              <Link to={`/evaluations/${p.evaluation.id}`}>
                <Tag color={statusColor(p.evaluation.status)}>{t(`status.${p.evaluation.status}`)}</Tag>
              </Link>
            ) : (
              <Typography.Text type="secondary">{t("departmentYear.noEvaluation")}</Typography.Text>
            ),
        },
      ]}
    />
  );
}

/** A small form that adds a project to the department-year. */
export function AddProject({ yearID }: { yearID: string }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<Values>();
  const [sorted, setSorted] = useState<Sorted>();
  const [{ fetching }, create] = useMutation(CreateProjectDocument);
  const [messages, contextHolder] = message.useMessage();

  const save = async (v: Values) => {
    setSorted(undefined);
    const input: { departmentYearID: string; name: string; code?: string; category?: string; budget?: string; executed?: string } = {
      departmentYearID: yearID,
      name: v.name.trim(),
    };
    if (v.code?.trim()) input.code = v.code.trim();
    if (v.category?.trim()) input.category = v.category.trim();
    const budget = checkAmount(v.budget, false);
    const executed = checkAmount(v.executed, false);
    if (budget.value) input.budget = budget.value;
    if (executed.value) input.executed = executed.value;
    const r = await create({ input });
    if (r.error) {
      const s = sortErrors(t, r.error, projectFields);
      form.setFields(Object.entries(s.fields).map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })));
      setSorted(s);
      return;
    }
    form.resetFields();
    void messages.success(t("departmentYear.projects.added"));
  };

  const amountRule = {
    validator: async (_: unknown, v: string) => {
      const c = checkAmount(v, false);
      if (c.problem) throw new Error(problemText(c.problem));
    },
  };

  return (
    <>
      {contextHolder}
      <Divider orientation="left" plain>
        {t("departmentYear.projects.add")}
      </Divider>
      <ServerAlerts sorted={sorted} onReload={() => setSorted(undefined)} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} aria-label={t("departmentYear.projects.add")}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="name"
              label={t("departmentYear.projects.name")}
              rules={[{ required: true, whitespace: true, message: t("departmentYear.projects.nameRequired") }]}
            >
              <Input data-testid="project-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="code" label={t("departmentYear.projects.code")}>
              <Input data-testid="project-code" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="category" label={t("departmentYear.projects.category")}>
              <Input data-testid="project-category" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="budget" label={t("departmentYear.projects.budget")} rules={[amountRule]}>
              <Input inputMode="decimal" suffix={t("common.wanUnit")} data-testid="project-budget" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="executed" label={t("departmentYear.projects.executed")} rules={[amountRule]}>
              <Input inputMode="decimal" suffix={t("common.wanUnit")} data-testid="project-executed" />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={fetching} data-testid="project-add">
            {t("departmentYear.projects.addButton")}
          </Button>
        </Space>
      </Form>
    </>
  );
}
