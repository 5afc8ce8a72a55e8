import { useMemo, useState } from "react";
import { Alert, Button, Card, Col, Empty, Form, Input, InputNumber, List, Row, Space, Spin, Table, Tag, Tree, Typography } from "antd";
import type { DataNode } from "antd/es/tree";
import { Link, useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { errorsText, errorText, fieldErrors } from "../api/errors";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { DepartmentsQuery } from "../gql/graphql";
import { nodes } from "../lib/relay";
import { StartYearFromLastDocument, YearStartResult, type YearStart } from "./departments/YearStart";

const DepartmentsDocument = graphql(`
  query Departments {
    departments(first: 1000, orderBy: [{ field: CODE }]) {
      edges { node { id code name functions parent { id } } }
    }
  }
`);

const DepartmentYearsDocument = graphql(`
  query DepartmentYears($id: ID!) {
    node(id: $id) {
      __typename
      ... on Department {
        id
        viewerCan { edit }
        years(first: 50, orderBy: [{ field: YEAR, direction: DESC }]) {
          edges { node { id year overallEvaluation { id status } } }
        }
      }
    }
  }
`);

const CreateYearDocument = graphql(`
  mutation CreateYear($department: ID!, $year: Int!) {
    createDepartmentYear(input: { departmentID: $department, year: $year }) { id }
  }
`);

const CreateOverallEvaluationDocument = graphql(`
  mutation CreateOverallEvaluation($year: ID!) {
    createEvaluation(input: { departmentYearID: $year }) { id }
  }
`);

type Department = NonNullable<NonNullable<NonNullable<DepartmentsQuery["departments"]["edges"]>[number]>["node"]>;

/** The department tree and a searchable list, each department with its years. */
export default function DepartmentsPage() {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: DepartmentsDocument });
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<string>();
  const departments = useMemo(() => nodes<Department>(data?.departments), [data]);

  const tree = useMemo(() => buildTree(departments), [departments]);
  const shown = departments.filter(
    (d) => !search || d.name.includes(search) || d.code.toLowerCase().includes(search.toLowerCase()),
  );
  const current = departments.find((d) => d.id === selected) ?? (shown.length === 1 ? shown[0] : undefined);

  if (error) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />;
  if (fetching && !data) return <Spin />;
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Card title={t("departments.title")}>
          <Input.Search
            placeholder={t("departments.searchPlaceholder")}
            allowClear
            onChange={(e) => setSearch(e.target.value)}
            style={{ marginBottom: 12 }}
            data-testid="department-search"
          />
          {search ? (
            <List
              dataSource={shown}
              locale={{ emptyText: t("common.empty") }}
              renderItem={(d) => (
                <List.Item onClick={() => setSelected(d.id)} style={{ cursor: "pointer" }}>
                  {d.name} <Typography.Text type="secondary">{d.code}</Typography.Text>
                </List.Item>
              )}
            />
          ) : tree.length ? (
            <Tree treeData={tree} defaultExpandAll onSelect={(keys) => setSelected(String(keys[0] ?? ""))} />
          ) : (
            <Empty description={t("common.empty")} />
          )}
        </Card>
      </Col>
      <Col xs={24} md={16}>
        {current ? (
          <Card title={`${current.name}（${current.code}）`}>
            <Typography.Paragraph>{current.functions}</Typography.Paragraph>
            <AddYear department={current.id} />
            <Years department={current.id} />
          </Card>
        ) : (
          <Card>
            <Empty description={t("common.empty")} />
          </Card>
        )}
      </Col>
    </Row>
  );
}

/** A department's years, each linking to its figures and its overall evaluation. */
function Years({ department }: { department: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: DepartmentYearsDocument, variables: { id: department } });
  if (error) return <Alert type="error" showIcon message={errorsText(t, error)} />;
  const years = data?.node && "years" in data.node ? nodes(data.node.years) : [];
  return (
    <Table
      rowKey={(y) => y.id}
      loading={fetching}
      dataSource={years}
      pagination={false}
      locale={{ emptyText: t("departments.noYear") }}
      columns={[
        {
          title: t("departments.years"),
          render: (_, y) => <Link to={`/years/${y.id}`}>{y.year}</Link>,
        },
        {
          title: t("common.actions"),
          render: (_, y) =>
            y.overallEvaluation && (
              <Link to={`/evaluations/${y.overallEvaluation.id}`}>
                <Tag>{t(`status.${y.overallEvaluation.status}`)}</Tag>
              </Link>
            ),
        },
      ]}
    />
  );
}

/** Nests departments under their parents; a department whose parent is not visible is a root. */
export function buildTree(departments: Pick<Department, "id" | "code" | "name" | "parent">[]): DataNode[] {
  const ids = new Set(departments.map((d) => d.id));
  const children = new Map<string, DataNode[]>();
  const roots: DataNode[] = [];
  const nodes = new Map<string, DataNode>();
  for (const d of departments) nodes.set(d.id, { key: d.id, title: `${d.name} ${d.code}`, children: [] });
  for (const d of departments) {
    const node = nodes.get(d.id)!;
    if (d.parent && ids.has(d.parent.id)) {
      const list = children.get(d.parent.id) ?? [];
      list.push(node);
      children.set(d.parent.id, list);
    } else roots.push(node);
  }
  for (const [id, list] of children) nodes.get(id)!.children = list;
  return roots;
}

/**
 * Starts a department's figures for a new year, with its (draft) overall evaluation: empty
 * (新建年度), or from the year before (从上年创建: the server copies what carries over and says
 * what it copied; a year that holds data is refused with what it holds).
 */
function AddYear({ department }: { department: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ year: number }>();
  const [, createYear] = useMutation(CreateYearDocument);
  const [, createEvaluation] = useMutation(CreateOverallEvaluationDocument);
  const [{ fetching: starting }, startYear] = useMutation(StartYearFromLastDocument);
  const [error, setError] = useState<string>();
  const [started, setStarted] = useState<YearStart>();
  const year = Form.useWatch("year", form);
  // The same query as the year list beside it (urql answers both from one request).
  const [{ data }] = useQuery({ query: DepartmentYearsDocument, variables: { id: department } });
  const node = data?.node?.__typename === "Department" ? data.node : undefined;
  if (!node?.viewerCan.edit) return null;
  const onFinish = async ({ year }: { year: number }) => {
    setError(undefined);
    const r = await createYear({ department, year });
    const id = r.data?.createDepartmentYear.id;
    const refused = fieldErrors(r.error)[0];
    if (!id) return setError(refused ? errorText(t, refused) : undefined);
    const e = await createEvaluation({ year: id });
    const failed = fieldErrors(e.error)[0];
    if (failed) return setError(errorText(t, failed));
    navigate(`/years/${id}`);
  };
  const fromLast = async () => {
    setError(undefined);
    const { year } = await form.validateFields();
    const r = await startYear({ department, year });
    const refused = fieldErrors(r.error);
    if (refused.length) return setError(refused.map((e) => errorText(t, e)).join(" "));
    setStarted(r.data?.startYearFromLast);
  };
  return (
    <Space direction="vertical" style={{ marginBottom: 16 }}>
      {error && <Alert type="error" showIcon message={error} data-testid="add-year-error" />}
      <Form form={form} layout="inline" onFinish={onFinish} initialValues={{ year: new Date().getFullYear() - 1 }}>
        <Form.Item name="year" label={t("departments.newYear")} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} data-testid="new-year" />
        </Form.Item>
        <Button htmlType="submit" data-testid="add-year">
          {t("departments.addYear")}
        </Button>
        <Button type="primary" loading={starting} onClick={() => void fromLast().catch(() => undefined)} data-testid="start-from-last" style={{ marginLeft: 8 }}>
          {t("library.startFromLast")}
        </Button>
      </Form>
      {typeof year === "number" && (
        <Typography.Text type="secondary">{t("library.startFromLastHint", { previous: year - 1 })}</Typography.Text>
      )}
      <YearStartResult result={started} onClose={() => setStarted(undefined)} />
    </Space>
  );
}
