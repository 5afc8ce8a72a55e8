import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { targetStatusColor } from "./status";

/** The status of a year's targets as a coloured tag: 未申报, 已申报待审核, 已退回, 已批复, 调整待审核. */
export default function TargetStatusTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={targetStatusColor(status)} data-testid={testId}>
      {t(`targets.status.${status}`)}
    </Tag>
  );
}
