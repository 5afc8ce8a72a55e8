import { Empty, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { TransitionFrom, TransitionTo } from "../../gql/graphql";

export interface TransitionLike {
  id?: string;
  from: TransitionFrom;
  to: TransitionTo;
  comment: string;
  actorName: string;
  at: string;
}

/** The evaluation's workflow steps, oldest first: from → to, who, when, with which comment. */
export default function History({ transitions }: { transitions: TransitionLike[] }) {
  const { t } = useTranslation();
  if (transitions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("evaluation.noHistory")} />;
  const sorted = [...transitions].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      items={sorted.map((tr, i) => ({
        key: tr.id ?? String(i),
        color: tr.to === "RETURNED" ? "red" : tr.to === "PUBLISHED" || tr.to === "APPROVED" ? "green" : "blue",
        children: (
          <div data-testid="transition">
            <div>
              <strong>
                {t(`status.${tr.from}`)} → {t(`status.${tr.to}`)}
              </strong>
            </div>
            <Typography.Text type="secondary">
              {tr.actorName} · {dayjs(tr.at).format("YYYY-MM-DD HH:mm")}
            </Typography.Text>
            {tr.comment && <Typography.Paragraph style={{ margin: "4px 0 0" }}>“{tr.comment}”</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}
