import { Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** Which level of the department tree a card's departments are rolled up to (departmentDepth). */
export default function DepthSelect({
  value,
  onChange,
  maxDepth,
  testId,
}: {
  value: number;
  onChange: (depth: number) => void;
  maxDepth: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const depths = Array.from({ length: Math.max(maxDepth, value, 1) }, (_, i) => i + 1);
  return (
    <Space size={4} wrap>
      <Typography.Text type="secondary">{t("dashboards.depth.label")}</Typography.Text>
      <Select
        value={value}
        onChange={onChange}
        style={{ width: 200 }}
        data-testid={testId}
        aria-label={t("dashboards.depth.label")}
        options={depths.map((d) => ({
          value: d,
          label: d === 1 ? t("dashboards.depth.root") : t("dashboards.depth.level", { depth: d }),
        }))}
      />
    </Space>
  );
}
