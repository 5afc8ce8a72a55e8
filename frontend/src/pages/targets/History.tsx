import { useState } from "react";
import { Alert, Button, Empty, Select, Space, Tag, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { errorsText } from "../../api/errors";
import { TargetChangesDocument, type TargetVersion } from "./query";
import { versionStatusColor } from "./status";
import { ChangesTable, EntriesTable, type ProjectNames } from "./tables";

const when = (at: string | null | undefined) => (at ? dayjs(at).format("YYYY-MM-DD HH:mm") : "");

/** "第 3 版（调整）". */
export const versionLabel = (t: TFunction, v: Pick<TargetVersion, "number" | "kind">) =>
  t("targets.versionKind", { number: v.number, kind: t(`targets.kind.${v.kind}`) });

/** One version: what, who and when, its reason and review, and how it differs from the version it replaces. */
function VersionItem({ version: v, first, projects }: { version: TargetVersion; first: boolean; projects: ProjectNames }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState(false);
  const decided = v.status !== "SUBMITTED";
  return (
    <div data-testid={`version-${v.number}`}>
      <div className="tgt-version-head">
        <strong>{versionLabel(t, v)}</strong>
        <Tag color={versionStatusColor(v.status)}>{t(`targets.versionStatus.${v.status}`)}</Tag>
        <Typography.Text type="secondary">{t("targets.submittedBy", { name: v.submittedByName, at: when(v.createdAt) })}</Typography.Text>
        {decided && v.reviewedByName && (
          <Typography.Text type="secondary">
            {t("targets.reviewedBy", {
              name: v.reviewedByName,
              at: when(v.reviewedAt),
              action: t(v.status === "APPROVED" ? "targets.approve" : "targets.return"),
            })}
          </Typography.Text>
        )}
      </div>
      <div className="tgt-version-body">
        {v.reason && (
          <div>
            <Typography.Text type="secondary">{t(v.kind === "ADJUSTMENT" ? "targets.reason" : "targets.note")}
              {t("departmentYear.colon")}
            </Typography.Text>
            {v.reason}
          </div>
        )}
        {v.reviewComment && (
          <div>
            <Typography.Text type="secondary">{t("targets.reviewComment")}
              {t("departmentYear.colon")}
            </Typography.Text>
            {v.reviewComment}
          </div>
        )}
        {v.changes.length > 0 ? (
          <>
            <Typography.Text type="secondary">
              {t("targets.changesFrom", {
                base: t(v.kind === "ADJUSTMENT" ? "targets.changesBaseAdjustment" : "targets.changesBaseFiling"),
                count: v.changes.length,
              })}
            </Typography.Text>
            <ChangesTable changes={v.changes} projects={projects} testId={`changes-${v.number}`} />
          </>
        ) : (
          <Typography.Text type="secondary">
            {first ? t("targets.firstFiling", { count: v.entries.length }) : t("targets.noChanges")}
          </Typography.Text>
        )}
        <div>
          <Button type="link" size="small" style={{ paddingLeft: 0 }} onClick={() => setEntries((s) => !s)} aria-expanded={entries}>
            {entries ? t("targets.hideEntries") : t("targets.showEntries", { count: v.entries.length })}
          </Button>
        </div>
        {entries && <EntriesTable entries={v.entries} projects={projects} testId={`entries-${v.number}`} />}
      </div>
    </div>
  );
}

/** Every version of the year's targets, newest first. */
export function VersionHistory({ versions, projects }: { versions: TargetVersion[]; projects: ProjectNames }) {
  const { t } = useTranslation();
  if (versions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("targets.historyNone")} />;
  const sorted = [...versions].sort((a, b) => b.number - a.number);
  const firstFiling = Math.min(...versions.filter((v) => v.kind === "FILING").map((v) => v.number));
  return (
    <Timeline
      items={sorted.map((v) => ({
        key: v.id,
        color: versionStatusColor(v.status),
        children: <VersionItem version={v} first={v.number === firstFiling} projects={projects} />,
      }))}
    />
  );
}

/** Any two versions compared (targetChanges): by default the latest against the one before it. */
export function CompareVersions({ versions, projects }: { versions: TargetVersion[]; projects: ProjectNames }) {
  const { t } = useTranslation();
  const sorted = [...versions].sort((a, b) => a.number - b.number);
  const [from, setFrom] = useState(sorted.at(-2)?.id);
  const [to, setTo] = useState(sorted.at(-1)?.id);
  const same = !!from && from === to;
  const [{ data, fetching, error }] = useQuery({
    query: TargetChangesDocument,
    variables: { fromID: from ?? "", toID: to ?? "" },
    pause: !from || !to || same,
  });
  const options = sorted.map((v) => ({
    value: v.id,
    label: `${versionLabel(t, v)} · ${t(`targets.versionStatus.${v.status}`)}`,
  }));
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Text type="secondary">{t("targets.compareHint")}</Typography.Text>
      <Space wrap>
        <span>{t("targets.compareFrom")}</span>
        <Select value={from} onChange={setFrom} options={options} style={{ width: 240 }} aria-label={t("targets.compareFrom")} data-testid="compare-from" />
        <span>{t("targets.compareTo")}</span>
        <Select value={to} onChange={setTo} options={options} style={{ width: 240 }} aria-label={t("targets.compareTo")} data-testid="compare-to" />
      </Space>
      {same && <Alert type="info" showIcon message={t("targets.compareSame")} />}
      {error && <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />}
      {!same && data && data.targetChanges.length === 0 && <Alert type="success" showIcon message={t("targets.compareNone")} />}
      {!same && data && data.targetChanges.length > 0 && (
        <ChangesTable changes={data.targetChanges} projects={projects} testId="compare-changes" />
      )}
      {fetching && !data && <Typography.Text type="secondary">{t("common.loading")}</Typography.Text>}
    </Space>
  );
}
