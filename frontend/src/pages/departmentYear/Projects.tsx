import { useState } from "react";
import { Button, Checkbox, Col, Divider, Form, Input, Row, Space, Table, Tag, Typography, message } from "antd";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DepartmentYearProjectFragment } from "../../gql/graphql";
import { percent, wan } from "../../lib/format";
import { checkAmount, sameDecimal } from "./amounts";
import FundingTable, { SOURCE_CATEGORIES } from "./FundingTable";
import { useProblemText } from "./FiguresForm";
import { ServerAlerts, sortErrors, type Sorted } from "./serverErrors";
import { statusColor } from "./status";

export const DepartmentYearProjectFragmentDoc = graphql(`
  fragment DepartmentYearProject on Project {
    id
    version
    code
    name
    category
    supervisingDepartment
    implementingUnit
    initialBudget
    budget
    executed
    executionRate
    goal
    goalOutcome
    continuesNextYear
    viewerCan {
      edit
    }
    fundingLines {
      ...FundingLineFields
    }
    fundingProblems {
      field
      reason
      params
    }
    evaluation {
      id
      status
    }
  }
`);

const UpdateProjectDocument = graphql(`
  mutation DepartmentYearUpdateProject($id: ID!, $input: UpdateProjectInput!, $version: Int) {
    updateProject(id: $id, input: $input, version: $version) {
      ...DepartmentYearProject
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
  supervisingDepartment: string;
  implementingUnit: string;
  budget: string;
  executed: string;
}
const projectFields = ["name", "code", "category", "supervisingDepartment", "implementingUnit", "budget", "executed"];

/**
 * The department-year's projects with budget, execution and links to their indicators and
 * evaluation; a row opens the project's details (主管部门, 实施单位, goal) and its funds by source.
 */
export function ProjectsTable({
  yearID,
  departmentName,
  projects,
  editable,
}: {
  yearID: string;
  departmentName: string;
  projects: readonly DepartmentYearProjectFragment[];
  editable: boolean;
}) {
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
      expandable={{
        expandedRowRender: (p) => (
          // A new version (saved or reloaded) starts the form from the server's values.
          <ProjectDetails key={`${p.id}:${p.version}`} yearID={yearID} departmentName={departmentName} project={p} />
        ),
      }}
      columns={[
        { title: t("departmentYear.projects.code"), dataIndex: "code", render: (c: string) => c || "—" },
        { title: t("departmentYear.projects.name"), dataIndex: "name" },
        { title: t("departmentYear.projects.category"), dataIndex: "category", render: (c: string) => c || "—" },
        { title: t("departmentYear.projects.implementingUnit"), dataIndex: "implementingUnit", render: (c: string) => c || "—" },
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
export function AddProject({ yearID, departmentName = "" }: { yearID: string; departmentName?: string }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<Values>();
  const [sorted, setSorted] = useState<Sorted>();
  const [{ fetching }, create] = useMutation(CreateProjectDocument);
  const [messages, contextHolder] = message.useMessage();

  const save = async (v: Values) => {
    setSorted(undefined);
    const input: {
      departmentYearID: string;
      name: string;
      code?: string;
      category?: string;
      supervisingDepartment?: string;
      implementingUnit?: string;
      budget?: string;
      executed?: string;
    } = {
      departmentYearID: yearID,
      name: v.name.trim(),
    };
    if (v.code?.trim()) input.code = v.code.trim();
    if (v.category?.trim()) input.category = v.category.trim();
    if (v.supervisingDepartment?.trim()) input.supervisingDepartment = v.supervisingDepartment.trim();
    if (v.implementingUnit?.trim()) input.implementingUnit = v.implementingUnit.trim();
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
          <Col xs={12} md={6}>
            <Form.Item name="supervisingDepartment" label={t("departmentYear.projects.supervisingDepartment")}>
              <Input data-testid="project-supervisingDepartment" placeholder={t("departmentYear.projects.supervisingPlaceholder", { name: departmentName })} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="implementingUnit" label={t("departmentYear.projects.implementingUnit")}>
              <Input data-testid="project-implementingUnit" />
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

interface DetailValues {
  continuesNextYear: boolean;
  supervisingDepartment: string;
  implementingUnit: string;
  initialBudget: string;
  budget: string;
  executed: string;
  goal: string;
  goalOutcome: string;
}
const detailTexts = ["supervisingDepartment", "implementingUnit", "goal", "goalOutcome"] as const;
const detailAmounts = ["initialBudget", "budget", "executed"] as const;
const detailFields: readonly string[] = [...detailTexts, ...detailAmounts, "continuesNextYear"];

/**
 * A project's form data: 主管部门 (empty: the department itself), 实施单位, the budget table's
 * total row (年初预算数, 调整后预算数, 执行数) and the overall goal as expected and as achieved,
 * saved with the version read; below, its funds by source.
 */
export function ProjectDetails({
  yearID,
  departmentName,
  project,
}: {
  yearID: string;
  departmentName: string;
  project: DepartmentYearProjectFragment;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<DetailValues>();
  const [sorted, setSorted] = useState<Sorted>();
  const [{ fetching }, update] = useMutation(UpdateProjectDocument);
  const [messages, contextHolder] = message.useMessage();
  const editable = project.viewerCan.edit;

  const save = async (v: DetailValues) => {
    setSorted(undefined);
    const input: Record<string, string | boolean> = {};
    for (const f of detailTexts) if ((v[f] ?? "").trim() !== project[f]) input[f] = (v[f] ?? "").trim();
    if (v.continuesNextYear !== project.continuesNextYear) input.continuesNextYear = v.continuesNextYear;
    for (const f of detailAmounts) {
      const c = checkAmount(v[f]);
      if (c.value && !sameDecimal(c.value, project[f])) input[f] = c.value;
    }
    if (Object.keys(input).length === 0) {
      void messages.info(t("departmentYear.noChanges"));
      return;
    }
    const r = await update({ id: project.id, input, version: project.version });
    if (r.error) {
      const s = sortErrors(t, r.error, detailFields);
      form.setFields(Object.entries(s.fields).map(([name, msg]) => ({ name: name as keyof DetailValues, errors: [msg] })));
      setSorted(s);
      return;
    }
    void messages.success(t("common.saved"));
  };

  const amountRule = {
    validator: async (_: unknown, v: string) => {
      const c = checkAmount(v);
      if (c.problem) throw new Error(problemText(c.problem));
    },
  };
  const label = (f: string) => t(`departmentYear.projects.${f}`);

  return (
    <div data-testid={`project-details-${project.id}`}>
      {contextHolder}
      <ServerAlerts sorted={sorted} onReload={() => setSorted(undefined)} />
      <Form<DetailValues>
        form={form}
        layout="vertical"
        initialValues={project}
        onFinish={(v) => void save(v)}
        disabled={!editable}
        aria-label={t("departmentYear.projects.details")}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="supervisingDepartment" label={label("supervisingDepartment")}>
              <Input placeholder={t("departmentYear.projects.supervisingPlaceholder", { name: departmentName })} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="implementingUnit" label={label("implementingUnit")}>
              <Input />
            </Form.Item>
          </Col>
          {detailAmounts.map((f) => (
            <Col xs={12} md={8} key={f}>
              <Form.Item name={f} label={label(f)} rules={[amountRule]}>
                <Input inputMode="decimal" suffix={t("common.wanUnit")} />
              </Form.Item>
            </Col>
          ))}
          {(["goal", "goalOutcome"] as const).map((f) => (
            <Col xs={24} md={12} key={f}>
              <Form.Item name={f} label={label(f)}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24}>
            <Form.Item name="continuesNextYear" valuePropName="checked">
              <Checkbox data-testid={`project-continues-${project.id}`}>{label("continuesNextYear")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        {editable && (
          <Button type="primary" htmlType="submit" loading={fetching} style={{ marginBottom: 16 }}>
            {t("departmentYear.projects.detailsSave")}
          </Button>
        )}
      </Form>
      <FundingTable
        yearID={yearID}
        projectID={project.id}
        categories={SOURCE_CATEGORIES}
        lines={project.fundingLines}
        total={{
          initialBudget: project.initialBudget,
          adjustedBudget: project.budget,
          executed: project.executed,
          executionRate: project.executionRate,
        }}
        checks={project.fundingProblems}
        editable={editable}
      />
    </div>
  );
}
