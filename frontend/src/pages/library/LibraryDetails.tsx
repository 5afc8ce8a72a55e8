import { Alert, Descriptions, List, Spin, Typography } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { errorsText } from "../../api/errors";
import { LibraryDetailDocument, type LibraryEntry } from "./query";

/** An entry's details: its criteria and formula, whose it is, where it is used and its review history. */
export default function LibraryDetails({ entry }: { entry: LibraryEntry }) {
  const { t, i18n } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: LibraryDetailDocument, variables: { id: entry.id } });
  const node = data?.node?.__typename === "LibraryIndicator" ? data.node : undefined;
  const years = (node?.usedIn ?? []).map((y) => t("library.yearLabel", { department: y.department.name, year: y.year }));
  const when = (at: string) => new Date(at).toLocaleString(i18n.language);
  return (
    <Descriptions size="small" column={1} bordered data-testid={`library-details-${entry.id}`}>
      <Descriptions.Item label={t("library.criteria")}>{entry.scoringCriteria || t("library.none")}</Descriptions.Item>
      {entry.binding && (
        <Descriptions.Item label={t("indicators.formula")}>{t(`indicators.binding.${entry.binding}`)}</Descriptions.Item>
      )}
      {entry.department && <Descriptions.Item label={t("library.col.scope")}>{t("library.department", { name: entry.department.name })}</Descriptions.Item>}
      {entry.reviewComment ? <Descriptions.Item label={t("library.reviewCommentLabel")}>{entry.reviewComment}</Descriptions.Item> : null}
      <Descriptions.Item label={t("library.usedIn")}>
        {error ? (
          <Alert type="error" showIcon message={errorsText(t, error)} />
        ) : fetching && !node ? (
          <Spin size="small" />
        ) : years.length ? (
          t("library.usedInYears", { count: node?.usageCount ?? 0, years: years.join("、") })
        ) : (
          t("library.unused")
        )}
      </Descriptions.Item>
      {!!node?.transitions.length && (
        <Descriptions.Item label={t("library.history")}>
          <List
            size="small"
            dataSource={node.transitions}
            renderItem={(s) => (
              <List.Item>
                <Typography.Text>
                  {t("library.historyLine", {
                    actor: s.actorName,
                    at: when(s.at),
                    from: t(`library.status.${s.from}`),
                    to: t(`library.status.${s.to}`),
                  })}
                  {s.comment && ` — ${s.comment}`}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
