import { useCallback, useMemo, useState } from "react";
import { Alert, Breadcrumb, Button, Card, Descriptions, Empty, Skeleton, Space, Typography, message } from "antd";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { errorsText } from "../api/errors";
import { nodes } from "../lib/relay";
import AdjustModal from "./targets/AdjustModal";
import FileModal from "./targets/FileModal";
import { CompareVersions, VersionHistory, versionLabel } from "./targets/History";
import ReviewModal, { type Review } from "./targets/ReviewModal";
import { TargetsPageDocument, type TargetAdjustment, type TargetVersion } from "./targets/query";
import TargetStatusTag from "./targets/StatusTag";
import { EntriesTable } from "./targets/tables";

// A first filing answers a version where the year had none: name the typename the list may lack.
const queryContext = { additionalTypenames: ["TargetVersion", "Indicator"] };

/**
 * 绩效目标: a department-year's targets, where they stand and what the caller may do about them
 * (file, propose an adjustment, approve or return: the server's viewerCan), the version in force,
 * every version with what it changed, and any two compared.
 */
export default function TargetsPage() {
  const { yearId = "" } = useParams();
  const { t } = useTranslation();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: TargetsPageDocument, variables: { id: yearId }, context: queryContext });
  const reload = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const [filing, setFiling] = useState(false);
  const [adjusting, setAdjusting] = useState(false);
  const [review, setReview] = useState<Review>();
  const [messages, holder] = message.useMessage();

  const dy = data?.node?.__typename === "DepartmentYear" ? data.node : undefined;
  const projects = useMemo(() => new Map(nodes(dy?.projects).map((p) => [p.id, p.name])), [dy]);
  const adjustments = useMemo(() => {
    const m = new Map<string, TargetAdjustment>();
    for (const e of dy?.targets.inForce?.entries ?? []) if (e.indicator?.targetAdjustment) m.set(e.indicatorID, e.indicator.targetAdjustment);
    return m;
  }, [dy]);

  if (error && !data) return <Alert type="error" showIcon role="alert" message={t("common.error")} description={errorsText(t, error)} />;
  if (fetching && !data) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!dy)
    return (
      <Card data-testid="not-found">
        <Empty description={t("departmentYear.notFound")}>
          <Link to="/departments">{t("departmentYear.back")}</Link>
        </Empty>
      </Card>
    );

  const { targets } = dy;
  const byID = new Map(targets.versions.map((v) => [v.id, v]));
  const inForce = targets.inForce ? byID.get(targets.inForce.id) : undefined;
  const pending = targets.pending;
  const done = (text: string) => {
    void messages.success(text);
    reload();
  };
  const closed = (what: (v: TargetVersion) => string) => (v?: TargetVersion) => {
    setFiling(false);
    setAdjusting(false);
    setReview(undefined);
    if (v) done(what(v));
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="targets-page">
      {holder}
      <Breadcrumb
        items={[
          { title: <Link to="/departments">{t("nav.departments")}</Link> },
          { title: <Link to={`/years/${dy.id}`}>{`${dy.department.name} ${t("departmentYear.yearLabel", { year: dy.year })}`}</Link> },
          { title: t("targets.title") },
        ]}
      />
      {error && <Alert type="error" showIcon role="alert" message={t("common.error")} description={errorsText(t, error)} />}
      <Card
        title={
          <Space wrap>
            <span>{t("targets.pageTitle")}</span>
            <TargetStatusTag status={targets.status} testId="targets-status" />
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={`/years/${dy.id}/indicators`}>{t("targets.openIndicators")}</Link>
            <Link to={`/years/${dy.id}`}>{t("targets.backToYear")}</Link>
          </Space>
        }
      >
        <Space direction="vertical" size={12} style={{ width: "100%" }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {dy.department.name}
            <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 12 }}>
              {dy.department.code} · {t("departmentYear.yearLabel", { year: dy.year })}
            </Typography.Text>
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t("targets.intro")}
          </Typography.Paragraph>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t("targets.inForce")}>
              {inForce ? t("targets.version", { number: inForce.number }) : t("targets.inForceNone")}
            </Descriptions.Item>
            <Descriptions.Item label={t("targets.pending")}>
              <span data-testid="targets-pending">{pending ? versionLabel(t, pending) : t("targets.pendingNone")}</span>
            </Descriptions.Item>
          </Descriptions>
          <Space wrap data-testid="targets-actions">
            {targets.viewerCan.file && (
              <Button type="primary" onClick={() => setFiling(true)}>
                {t(targets.status === "RETURNED" ? "targets.fileAgain" : "targets.file")}
              </Button>
            )}
            {targets.viewerCan.adjust && inForce && (
              <Button type="primary" onClick={() => setAdjusting(true)}>
                {t("targets.adjust")}
              </Button>
            )}
            {targets.viewerCan.review && pending && (
              <>
                <Button type="primary" onClick={() => setReview({ version: pending, approve: true })}>
                  {t("targets.approve")}
                </Button>
                <Button danger onClick={() => setReview({ version: pending, approve: false })}>
                  {t("targets.return")}
                </Button>
              </>
            )}
          </Space>
        </Space>
      </Card>

      <Card title={inForce ? t("targets.inForceTitle", { number: inForce.number }) : t("targets.inForce")}>
        {inForce ? (
          <EntriesTable entries={inForce.entries} projects={projects} adjustments={adjustments} testId="in-force" />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("targets.inForceNone")} />
        )}
      </Card>

      <Card title={t("targets.history")}>
        <VersionHistory versions={targets.versions} projects={projects} />
      </Card>

      {targets.versions.length >= 2 && (
        <Card title={t("targets.compare")}>
          <CompareVersions key={targets.versions.length} versions={targets.versions} projects={projects} />
        </Card>
      )}

      <FileModal open={filing} yearID={dy.id} year={dy.year} onClose={closed((v) => t("targets.filed", { number: v.number }))} />
      {inForce && (
        <AdjustModal
          open={adjusting}
          yearID={dy.id}
          entries={inForce.entries}
          projects={projects}
          onClose={closed((v) => t("targets.adjusted", { number: v.number }))}
        />
      )}
      <ReviewModal
        review={review}
        onClose={closed((v) => t(v.status === "APPROVED" ? "targets.approved" : "targets.returned", { number: v.number }))}
      />
    </Space>
  );
}
