import { Button, List, Modal, Typography } from "antd";
import { useNavigate } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { StartYearFromLastMutation } from "../../gql/graphql";

export const StartYearFromLastDocument = graphql(`
  mutation StartYearFromLast($department: ID!, $year: Int!) {
    startYearFromLast(departmentID: $department, year: $year) {
      departmentYear { id year }
      previous { id year }
      createdYear
      goalCopied
      keyTasks { id title }
      indicators { id }
      projects { id name }
      projectIndicatorCount
      evaluations { id }
      skippedProjects { id name }
    }
  }
`);

export type YearStart = StartYearFromLastMutation["startYearFromLast"];

/** What 从上年创建 copied, kind by kind, with the way into the new year. */
export function YearStartResult({ result, onClose }: { result?: YearStart; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (!result) return null;
  const year = result.departmentYear.year;
  const previous = result.previous.year;
  const lines = [
    `${t("library.copiedGoal")}：${t(result.goalCopied ? "library.copiedGoalYes" : "library.copiedGoalNo")}`,
    t("library.copiedKeyTasks", { count: result.keyTasks.length }),
    t("library.copiedIndicators", { count: result.indicators.length }),
    t("library.copiedProjects", { count: result.projects.length, indicators: result.projectIndicatorCount }),
    t("library.copiedEvaluations", { count: result.evaluations.length }),
  ];
  if (result.skippedProjects.length) lines.push(t("library.skippedProjects", { names: result.skippedProjects.map((p) => p.name).join("、") }));
  return (
    <Modal
      open
      title={t(result.createdYear ? "library.startedTitle" : "library.startedFilled", { year, previous })}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          {t("common.ok")}
        </Button>,
        <Button key="open" type="primary" onClick={() => navigate(`/years/${result.departmentYear.id}`)} data-testid="open-started-year">
          {t("library.openYear", { year })}
        </Button>,
      ]}
    >
      <List size="small" dataSource={lines} renderItem={(l) => <List.Item>{l}</List.Item>} data-testid="year-start-summary" />
      {result.projects.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {result.projects.map((p) => p.name).join("、")}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
