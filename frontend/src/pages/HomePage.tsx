import { useCallback, type ReactNode } from "react";
import { Alert, Badge, Button, Card, Col, List, Row, Space, Spin, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/AuthContext";
import { errorsText } from "../api/errors";
import { graphql } from "../gql";
import { MyQueueDocument } from "./rounds/query";
import { beijing, leftColor, leftText } from "./rounds/deadline";
import type { MyQueueQuery } from "../gql/graphql";
import PageHeader from "../layout/PageHeader";
import { shortcutsFor } from "../layout/menu";
import { useRecent } from "../layout/recent";
import { useQueueChanged } from "../notify/useQueueChanged";

// An editor's shortcuts open the latest year of their department.
const HomeLatestYearDocument = graphql(`
  query HomeLatestYear($department: ID!) {
    departmentYears(first: 1, orderBy: [{ field: YEAR, direction: DESC }], where: { hasDepartmentWith: [{ id: $department }] }) {
      edges { node { id year overallEvaluation { id } } }
    }
  }
`);

/** The role's shortcuts (menu.tsx's shortcutsFor). */
function Shortcuts() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const department = me?.role === "EDITOR" ? me.scope?.id : undefined;
  const [{ data }] = useQuery({ query: HomeLatestYearDocument, variables: { department: department ?? "" }, pause: !department });
  const dy = data?.departmentYears.edges?.[0]?.node;
  const shortcuts = shortcutsFor(me?.role ?? undefined, dy ? { yearId: dy.id, evaluationId: dy.overallEvaluation?.id } : undefined);
  if (!shortcuts.length) return null;
  return (
    <Card title={t("layout.home.shortcuts")} data-testid="shortcuts" style={{ marginBottom: 16 }}>
      <Space wrap>
        {shortcuts.map((s) => (
          <Link
            key={s.key}
            to={s.to}
            data-testid={`shortcut-${s.key}`}
            style={{ display: "inline-flex", alignItems: "center", gap: 8, padding: "6px 14px", border: "1px solid #d9d9d9", borderRadius: 6, color: "#1f1f1f" }}
          >
            {s.icon}
            {t(`layout.home.${s.key}`)}
          </Link>
        ))}
      </Space>
    </Card>
  );
}

/** The department years, projects and evaluations the user opened last (kept by the layout in this browser). */
function Recent() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { items, clear } = useRecent(me?.user?.id);
  return (
    <Card
      title={t("layout.home.recent")}
      data-testid="recent"
      extra={
        items.length > 0 && (
          <Button type="link" size="small" onClick={clear}>
            {t("layout.home.clearRecent")}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    >
      <List
        dataSource={items}
        locale={{ emptyText: t("layout.home.recentEmpty") }}
        renderItem={(r) => (
          <List.Item>
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <Link to={r.path}>{r.title}</Link>
              <Typography.Text type="secondary">
                {t(`layout.home.kind.${r.kind}`)}
                {r.detail ? ` · ${r.detail}` : ""}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

type Queue = MyQueueQuery["myQueue"];

/**
 * Where a task of the editor's queue is done: a monitoring round's report (or the year's
 * monitoring page, to start it), a self-evaluation, else the year.
 */
export function taskLink(task: Queue["toFill"][number]): string {
  if (task.round.kind === "MONITORING" && task.departmentYear) {
    return `/years/${task.departmentYear.id}/monitoring${task.monitoringReport ? `?report=${task.monitoringReport.id}` : ""}`;
  }
  if (task.evaluation) return `/evaluations/${task.evaluation.id}`;
  return task.departmentYear ? `/years/${task.departmentYear.id}` : "/departments";
}
type Subject = Queue["toReview"][number]["evaluation"];

/** A card of one list of the queue: its title with the count, the items, or a line saying there are none. */
function QueueCard<T>(props: { title: string; testId: string; items: T[]; count?: number; empty: string; render: (item: T) => ReactNode }) {
  const { t } = useTranslation();
  const count = props.count ?? props.items.length;
  return (
    <Card
      data-testid={props.testId}
      title={
        <Space>
          {props.title}
          <Badge count={count} showZero color={count ? "#1677ff" : "#d9d9d9"} />
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <List<T> dataSource={props.items} locale={{ emptyText: props.empty }} renderItem={(item) => <List.Item>{props.render(item)}</List.Item>} />
      {count > props.items.length && <Typography.Text type="secondary">{t("rounds.home.more", { count, shown: props.items.length })}</Typography.Text>}
    </Card>
  );
}

/** The caller's work queue: what to fill and what came back (editors), what waits for review (the bureau), rounds near their deadline. */
export default function HomePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyQueueDocument, requestPolicy: "cache-and-network" });
  // Someone else submitted, returned or opened something: the lists read themselves again.
  const reload = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  useQueueChanged(reload, !me);
  const side = (
    <Col xs={24} xl={8}>
      <Shortcuts />
      <Recent />
    </Col>
  );
  const header = <PageHeader title={t("layout.menu.home")} extra={<Link to="/rounds">{t("rounds.home.allRounds")}</Link>} />;
  if (!data)
    return (
      <>
        {header}
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            {error ? <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} /> : fetching && <Spin />}
          </Col>
          {side}
        </Row>
      </>
    );
  const q = data.myQueue;
  const role = me?.role;
  const subject = (ev: Subject) => (
    <Space direction="vertical" size={0}>
      <Link to={`/evaluations/${ev.id}`}>
        {t("rounds.home.subject", { department: ev.departmentYear.department.name, year: ev.departmentYear.year })}
      </Link>
      <Typography.Text type="secondary">{ev.project ? t("rounds.home.project", { name: ev.project.name }) : t("rounds.home.overall")}</Typography.Text>
    </Space>
  );
  const cards: ReactNode[] = [];
  if (role === "EDITOR") {
    cards.push(
      <QueueCard
        key="toFill"
        testId="queue-toFill"
        title={t("rounds.home.toFill")}
        items={q.toFill}
        empty={t("rounds.home.toFillEmpty")}
        render={(task) => {
          const to = taskLink(task);
          const past = task.status === "OVERDUE";
          return (
            <Space direction="vertical" size={0} style={{ width: "100%" }}>
              <Space wrap>
                <Link to={to}>{task.round.name}</Link>
                <Tag>{t(`rounds.kind.${task.round.kind}`)}</Tag>
                <Tag color={leftColor(task.daysLeft, past)}>{leftText(t, task.daysLeft, past)}</Tag>
              </Space>
              <Typography.Text type={past ? "danger" : "secondary"}>
                {task.department.name} · {t("rounds.col.deadline")} {t("rounds.beijing", { time: beijing(task.deadline) })}
              </Typography.Text>
            </Space>
          );
        }}
      />,
      <QueueCard
        key="returned"
        testId="queue-returned"
        title={t("rounds.home.returned")}
        items={[...q.returnedTargets.map((r) => ({ ...r, evaluation: null })), ...q.returned.map((r) => ({ ...r, version: null }))]}
        empty={t("rounds.home.returnedEmpty")}
        render={(r) => (
          <Space direction="vertical" size={0}>
            {r.evaluation && subject(r.evaluation)}
            {r.version && (
              <Space direction="vertical" size={0}>
                <Link to={`/years/${r.version.departmentYear.id}/targets`}>
                  {t("rounds.home.subject", { department: r.version.departmentYear.department.name, year: r.version.departmentYear.year })}
                </Link>
                <Typography.Text type="secondary">
                  {t("rounds.home.targetsReturned", { number: r.version.number, kind: t(`rounds.home.targetKind.${r.version.kind}`) })}
                </Typography.Text>
              </Space>
            )}
            <Typography.Text type="danger">{t("rounds.home.comment", { comment: r.comment })}</Typography.Text>
            {r.returnedAt && (
              <Typography.Text type="secondary">{t("rounds.home.returnedBy", { actor: r.returnedBy, time: beijing(r.returnedAt) })}</Typography.Text>
            )}
          </Space>
        )}
      />,
    );
  }
  if (role === "ADMIN" || role === "REVIEWER") {
    cards.push(
      <QueueCard
        key="toReview"
        testId="queue-toReview"
        title={t("rounds.home.toReview")}
        items={q.toReview}
        count={q.toReviewCount}
        empty={t("rounds.home.toReviewEmpty")}
        render={(r) => (
          <Space style={{ width: "100%", justifyContent: "space-between" }}>
            {subject(r.evaluation)}
            <Space direction="vertical" size={0} style={{ textAlign: "right" }}>
              <Tag color={r.daysWaiting >= 7 ? "red" : r.daysWaiting >= 3 ? "orange" : "blue"}>
                {r.daysWaiting ? t("rounds.home.waited", { count: r.daysWaiting }) : t("rounds.home.waitedToday")}
              </Tag>
              <Typography.Text type="secondary">{t("rounds.home.submittedAt", { time: beijing(r.submittedAt) })}</Typography.Text>
            </Space>
          </Space>
        )}
      />,
      <QueueCard
        key="monitoring"
        testId="queue-monitoring"
        title={t("rounds.home.monitoringToReview")}
        items={q.monitoringToReview}
        count={q.monitoringToReviewCount}
        empty={t("rounds.home.monitoringEmpty")}
        render={(r) => (
          <Space style={{ width: "100%", justifyContent: "space-between" }}>
            <Space direction="vertical" size={0}>
              <Link to={`/years/${r.report.departmentYear.id}/monitoring?report=${r.report.id}`}>
                {t("rounds.home.subject", { department: r.report.departmentYear.department.name, year: r.report.departmentYear.year })}
              </Link>
              <Typography.Text type="secondary">
                {t("rounds.home.monitoringPoint", { point: r.report.point })} · {r.report.project ? t("rounds.home.project", { name: r.report.project.name }) : t("rounds.home.overall")}
              </Typography.Text>
            </Space>
            <Tag color={r.daysWaiting >= 7 ? "red" : r.daysWaiting >= 3 ? "orange" : "blue"}>
              {r.daysWaiting ? t("rounds.home.waited", { count: r.daysWaiting }) : t("rounds.home.waitedToday")}
            </Tag>
          </Space>
        )}
      />,
      <QueueCard
        key="targets"
        testId="queue-targets"
        title={t("rounds.home.targetsToReview")}
        items={q.targetsToReview}
        count={q.targetsToReviewCount}
        empty={t("rounds.home.targetsEmpty")}
        render={(r) => (
          <Space style={{ width: "100%", justifyContent: "space-between" }}>
            <Space direction="vertical" size={0}>
              <Link to={`/years/${r.version.departmentYear.id}/targets`}>
                {t("rounds.home.subject", { department: r.version.departmentYear.department.name, year: r.version.departmentYear.year })}
              </Link>
              <Typography.Text type="secondary">
                {t("rounds.home.targetVersion", { number: r.version.number, kind: t(`rounds.home.targetKind.${r.version.kind}`) })}
              </Typography.Text>
            </Space>
            <Tag color={r.daysWaiting >= 7 ? "red" : r.daysWaiting >= 3 ? "orange" : "blue"}>
              {r.daysWaiting ? t("rounds.home.waited", { count: r.daysWaiting }) : t("rounds.home.waitedToday")}
            </Tag>
          </Space>
        )}
      />,
    );
  }
  if (role && role !== "EDITOR") {
    cards.push(
      <QueueCard
        key="rounds"
        testId="queue-rounds"
        title={t("rounds.home.rounds")}
        items={q.rounds}
        empty={t("rounds.home.roundsEmpty")}
        render={(r) => (
          <Space direction="vertical" size={0} style={{ width: "100%" }}>
            <Space wrap>
              <Link to={`/rounds/${r.id}`}>{r.name}</Link>
              <Tag color={leftColor(r.daysLeft, r.pastDeadline)}>{leftText(t, r.daysLeft, r.pastDeadline)}</Tag>
            </Space>
            <Typography.Text type="secondary">
              {t("rounds.progress", { ...r.summary, open: r.summary.notSubmitted + r.summary.overdue })}
            </Typography.Text>
          </Space>
        )}
      />,
    );
  }
  return (
    <>
      {header}
      {error && <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          {cards}
        </Col>
        {side}
      </Row>
    </>
  );
}
