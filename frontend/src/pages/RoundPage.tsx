import { useCallback, useMemo, useState } from "react";
import { Alert, Button, Card, Col, DatePicker, Descriptions, Modal, Popconfirm, Row, Space, Spin, Table, Tag, Typography, message } from "antd";
import dayjs from "dayjs";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { errorsText } from "../api/errors";
import { useChangedElsewhere } from "../notify/useChangedElsewhere";
import EChart from "../lib/charts/EChart";
import type { RoundDetailQuery } from "../gql/graphql";
import { CloseRoundDocument, RoundDetailDocument, UpdateRoundDocument } from "./rounds/query";
import { beijing, dayOf, deadlineOf, leftColor, leftText, statusColor, summaryOption, summaryStatuses } from "./rounds/deadline";

type Round = Extract<NonNullable<RoundDetailQuery["node"]>, { __typename: "Round" }>;
type Part = Round["participants"][number];

/** A round's dashboard: the summary as a chart and each department's status. */
export default function RoundPage() {
  const { t } = useTranslation();
  const { roundId = "" } = useParams();
  const [messages, holder] = message.useMessage();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: RoundDetailDocument, variables: { id: roundId }, requestPolicy: "cache-and-network" });
  // A department submitting (or anyone changing the round) moves the dashboard: read it again.
  const reload = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  useChangedElsewhere("round", roundId || undefined, reload);
  const [closing, closeRound] = useMutation(CloseRoundDocument);
  const [updating, updateRound] = useMutation(UpdateRoundDocument);
  const [deadline, setDeadline] = useState<string>();
  const round = data?.node?.__typename === "Round" ? (data.node as Round) : undefined;
  const option = useMemo(() => (round ? summaryOption(round.summary, (s) => t(`rounds.participant.${s}`)) : undefined), [round, t]);
  if (error) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />;
  if (!round) return fetching ? <Spin /> : <Alert type="warning" message={t("rounds.empty")} />;
  const failure = closing.error ?? updating.error;
  return (
    <>
      {holder}
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Space>
          <Link to="/rounds">{t("rounds.back")}</Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {round.name}
          </Typography.Title>
          <Tag color={round.status === "OPEN" ? "processing" : "default"}>{t(`rounds.status.${round.status}`)}</Tag>
        </Space>
        <Space>
          {round.viewerCan.update && <Button onClick={() => setDeadline(dayOf(round.deadline))}>{t("rounds.changeDeadline")}</Button>}
          {round.viewerCan.close && (
            <Popconfirm
              title={t("rounds.closeConfirm")}
              onConfirm={async () => {
                const r = await closeRound({ id: round.id });
                if (r.data) void messages.success(t("rounds.closed"));
              }}
            >
              <Button danger loading={closing.fetching}>
                {t("rounds.close")}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
      {failure && <Alert type="error" showIcon message={errorsText(t, failure)} style={{ marginBottom: 12 }} />}
      <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("rounds.col.kind")}>{t(`rounds.kind.${round.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t("rounds.col.year")}>{round.year}</Descriptions.Item>
        {round.monitoringPoint && (
          <Descriptions.Item label={t("rounds.col.monitoringPoint")}>
            <span data-testid="round-monitoring-point">{round.monitoringPoint}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t("rounds.col.deadline")}>
          <Space>
            <span data-testid="round-deadline">{t("rounds.beijing", { time: beijing(round.deadline) })}</span>
            {round.status === "OPEN" && <Tag color={leftColor(round.daysLeft, round.pastDeadline)}>{leftText(t, round.daysLeft, round.pastDeadline)}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t("rounds.col.progress")}>
          {t("rounds.progress", { ...round.summary, open: round.summary.notSubmitted + round.summary.overdue })}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card title={t("rounds.summary")} style={{ marginBottom: 16 }}>
            {option && <EChart option={option} height={280} ariaLabel={t("rounds.summary")} loadingText={t("dashboards.chartLoading")} failedText={t("dashboards.chartFailed")} />}
            <Space wrap>
              {summaryStatuses.map((s) => (
                <Tag key={s.key} color={statusColor[s.status]} data-testid={`summary-${s.key}`}>
                  {t(`rounds.participant.${s.status}`)} {round.summary[s.key]}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title={t("rounds.participants")}>
            <Table<Part>
              rowKey="id"
              scroll={{ x: 800 }}
              size="small"
              dataSource={round.participants}
              pagination={false}
              locale={{ emptyText: t("rounds.noParticipants") }}
              columns={[
                { title: t("rounds.col.department"), key: "department", fixed: "left", width: 200, render: (_, p) => `${p.department.name}（${p.department.code}）` },
                {
                  title: t("rounds.col.status"),
                  dataIndex: "status",
                  render: (s: string) => <Tag color={statusColor[s]}>{t(`rounds.participant.${s}`)}</Tag>,
                },
                { title: t("rounds.col.submittedAt"), dataIndex: "submittedAt", render: (at: string | null) => (at ? beijing(at) : t("rounds.none")) },
                {
                  title: round.kind === "MONITORING" ? t("rounds.col.monitoringReport") : t("rounds.col.evaluation"),
                  key: "evaluation",
                  render: (_, p) =>
                    round.kind === "MONITORING" ? (
                      p.departmentYear ? (
                        <Link to={`/years/${p.departmentYear.id}/monitoring`}>
                          {p.monitoringReport ? t("rounds.openMonitoring", { status: t(`rounds.monitoringStatus.${p.monitoringReport.status}`) }) : t("rounds.startMonitoring")}
                        </Link>
                      ) : (
                        t("rounds.none")
                      )
                    ) : p.evaluation ? (
                      <Link to={`/evaluations/${p.evaluation.id}`}>{t("rounds.openEvaluation")}</Link>
                    ) : p.departmentYear ? (
                      <Link to={`/years/${p.departmentYear.id}`}>{t("rounds.openYear")}</Link>
                    ) : (
                      t("rounds.none")
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        title={t("rounds.changeDeadline")}
        open={deadline !== undefined}
        onCancel={() => setDeadline(undefined)}
        confirmLoading={updating.fetching}
        onOk={async () => {
          if (!deadline) return;
          const r = await updateRound({ id: round.id, input: { deadline: deadlineOf(deadline) }, version: round.version });
          if (r.data) {
            setDeadline(undefined);
            void messages.success(t("rounds.saved"));
          }
        }}
      >
        <DatePicker
          style={{ width: "100%" }}
          value={deadline ? dayjs(deadline) : null}
          onChange={(d) => setDeadline(d ? d.format("YYYY-MM-DD") : undefined)}
          aria-label={t("rounds.field.deadline")}
        />
      </Modal>
    </>
  );
}
