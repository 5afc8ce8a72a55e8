import { useCallback } from "react";
import { Alert, Breadcrumb, Card, Empty, Skeleton, Space, Tag, Tooltip, Typography } from "antd";
import { LockOutlined } from "@ant-design/icons";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { nodes } from "../lib/relay";
import FiguresForm from "./departmentYear/FiguresForm";
import MonthsGrid from "./departmentYear/MonthsGrid";
import KeyTasks from "./departmentYear/KeyTasks";
import FundingTable, { REVENUE_CATEGORIES } from "./departmentYear/FundingTable";
import { AddProject, ProjectsTable } from "./departmentYear/Projects";
import { statusColor } from "./departmentYear/status";
import { OnLocked } from "./departmentYear/serverErrors";
import TargetStatusTag from "./targets/StatusTag";
import { errorsText } from "../api/errors";
import { WarningsList } from "../components/Warnings";
import { useChangedElsewhere } from "../notify/useChangedElsewhere";

const DepartmentYearPageDocument = graphql(`
  query DepartmentYearPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on DepartmentYear {
        id
        year
        department {
          id
          code
          name
        }
        overallEvaluation {
          id
          status
        }
        viewerCan { edit }
        targets { status }
        locked
        lockReason { status }
        ...DepartmentYearFigures
        ...DepartmentYearMonths
        fundingLines {
          ...FundingLineFields
        }
        fundingProblems {
          field
          reason
          params
        }
        keyTasks {
          ...DepartmentYearKeyTask
        }
        projects(first: 100, orderBy: [{ field: CODE }]) {
          totalCount
          edges {
            node {
              ...DepartmentYearProject
            }
          }
        }
      }
    }
  }
`);

// Lists that may be empty carry no typename to invalidate on; name them.
const queryContext = { additionalTypenames: ["DepartmentYear", "KeyTask", "Project", "MonthlyExecution", "FundingLine"] };

/** One department's year: figures, monthly execution, goal and key tasks, projects. */
export default function DepartmentYearPage() {
  const { yearId = "" } = useParams();
  const { t } = useTranslation();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: DepartmentYearPageDocument, variables: { id: yearId }, context: queryContext });
  const reload = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  useChangedElsewhere("year", yearId, reload);

  if (error && !data) return <Alert type="error" showIcon role="alert" message={t("common.error")} description={errorsText(t, error)} />;
  if (fetching && !data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const dy = data?.node?.__typename === "DepartmentYear" ? data.node : undefined;
  if (!dy)
    return (
      <Card data-testid="not-found">
        <Empty description={t("departmentYear.notFound")}>
          <Link to="/departments">{t("departmentYear.back")}</Link>
        </Empty>
      </Card>
    );
  // The server says what the caller may do (viewerCan) and why the data is read-only (lockReason).
  const editable = dy.viewerCan.edit;

  const evaluation = dy.overallEvaluation;
  const projects = nodes(dy.projects);
  // Why the year's data is read-only, in the words of its evaluation's real status.
  const lockStatus = dy.lockReason?.status;
  const lockText = lockStatus
    ? t(`departmentYear.lockedBy.${lockStatus}`, { defaultValue: t("departmentYear.underReview", { status: t(`status.${lockStatus}`) }) })
    : undefined;
  // Each section read-only under the lock says so where it is, the reason on hover.
  const lockTag =
    !editable && lockStatus ? (
      <Tooltip title={lockText}>
        <Tag icon={<LockOutlined />} tabIndex={0} aria-label={lockText} data-testid="section-locked">
          {t("departmentYear.lockTag", { status: t(`status.${lockStatus}`) })}
        </Tag>
      </Tooltip>
    ) : undefined;
  return (
    <OnLocked.Provider value={reload}>
      <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="department-year">
        <Breadcrumb
          items={[
            { title: <Link to="/departments">{t("nav.departments")}</Link> },
            { title: dy.department.name },
            { title: t("departmentYear.yearLabel", { year: dy.year }) },
          ]}
        />
        {error && <Alert type="error" showIcon role="alert" message={t("common.error")} description={errorsText(t, error)} />}
        <Card>
          <Space direction="vertical" size={8} style={{ width: "100%" }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {dy.department.name}
              <Typography.Text type="secondary" style={{ fontSize: 16, marginLeft: 12 }}>
                {dy.department.code} · {t("departmentYear.yearLabel", { year: dy.year })}
              </Typography.Text>
            </Typography.Title>
            <Space wrap size={16}>
              <Link to={`/years/${dy.id}/indicators`} data-testid="overall-indicators">
                {t("departmentYear.indicators")}
              </Link>
              <Space size={4}>
                <Link to={`/years/${dy.id}/targets`} data-testid="year-targets">
                  {t("targets.link")}
                </Link>
                <TargetStatusTag status={dy.targets.status} testId="year-targets-status" />
              </Space>
              <Link to={`/years/${dy.id}/monitoring`} data-testid="year-monitoring">
                {t("monitoring.link")}
              </Link>
              {evaluation ? (
                <Space size={4}>
                  <Link to={`/evaluations/${evaluation.id}`} data-testid="overall-evaluation">
                    {t("departmentYear.evaluation")}
                  </Link>
                  <Tag color={statusColor(evaluation.status)} data-testid="overall-evaluation-status">
                    {t(`status.${evaluation.status}`)}
                  </Tag>
                </Space>
              ) : (
                <Typography.Text type="secondary">{t("departmentYear.noEvaluation")}</Typography.Text>
              )}
            </Space>
            {!editable && !dy.lockReason && <Alert type="info" showIcon message={t("departmentYear.readOnly")} />}
            {lockStatus && !editable && <Alert type="warning" showIcon data-testid="year-locked" message={lockText} />}
            {lockStatus && editable && (
              <Alert type="info" showIcon data-testid="year-locked" message={t("departmentYear.lockedAdmin", { status: t(`status.${lockStatus}`) })} />
            )}
            {dy.warnings.length > 0 && (
              <Alert
                type="warning"
                showIcon
                data-testid="year-warnings"
                message={t("warnings.yearTitle", { count: dy.warnings.length })}
                description={
                  <>
                    <Typography.Text type="secondary">{t("warnings.nonBlocking")}</Typography.Text>
                    <WarningsList warnings={dy.warnings} />
                  </>
                }
              />
            )}
          </Space>
        </Card>

        <Card title={t("departmentYear.figures.title")} extra={lockTag}>
          {/* A new version (saved here or reloaded after a conflict) starts the form from the server's values. */}
          <FiguresForm key={`${dy.id}:${dy.version}`} year={dy} editable={editable} onReload={reload} />
        </Card>

        <Card title={t("departmentYear.funding.title")} extra={lockTag}>
          <FundingTable
            key={dy.id}
            yearID={dy.id}
            categories={REVENUE_CATEGORIES}
            lines={dy.fundingLines}
            total={{
              initialBudget: dy.totalInitialBudget,
              adjustedBudget: dy.totalBudget,
              executed: dy.totalActual,
              executionRate: dy.executionRate,
            }}
            figures={{
              basic: { initialBudget: dy.basicInitialBudget, adjustedBudget: dy.basicBudget, executed: dy.basicActual },
              project: { initialBudget: dy.projectInitialBudget, adjustedBudget: dy.projectBudget, executed: dy.projectActual },
            }}
            checks={dy.fundingProblems}
            editable={editable}
          />
        </Card>

        <Card title={t("departmentYear.months.title")} extra={lockTag}>
          <MonthsGrid key={dy.id} year={dy} editable={editable} />
        </Card>

        <Card title={t("departmentYear.keyTasks.title")} extra={lockTag}>
          <KeyTasks key={dy.id} yearID={dy.id} tasks={dy.keyTasks} editable={editable} onReload={reload} />
        </Card>

        <Card
          title={t("departmentYear.projects.title")}
          extra={
            <Space>
              {dy.projects.totalCount > projects.length && (
                <Typography.Text type="secondary">
                  {t("departmentYear.projects.partial", { shown: projects.length, total: dy.projects.totalCount })}
                </Typography.Text>
              )}
              {lockTag}
            </Space>
          }
        >
          <ProjectsTable yearID={dy.id} departmentName={dy.department.name} projects={projects} editable={editable} />
          {editable && <AddProject key={dy.id} yearID={dy.id} departmentName={dy.department.name} />}
        </Card>
      </Space>
    </OnLocked.Provider>
  );
}
