import { List, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { reasonText } from "../../api/errors";
import { EVALUATION_FIELDS, problemLink, type ProblemRow } from "./problems";

interface Props {
  rows: ProblemRow[];
  /** The indicator editor of the evaluation's subject. */
  editorPath: string;
  /** Moves to a field of the evaluation page (e.g. executionExplanation). */
  onField?(field: string): void;
  /** The department-year's page, where the budget table's lines are fixed. */
  yearPath?: string;
}

/** Submit problems, each with the indicator and field it concerns, the sentence its reason makes, and a link to fix it. */
export default function ProblemsList({ rows, editorPath, onField, yearPath }: Props) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={rows}
      data-testid="problems"
      renderItem={(row) => {
        const link = problemLink(row, editorPath, yearPath);
        const field = t(`evaluation.field.${row.field}`, { defaultValue: row.field });
        const message = reasonText(t, row.reason, row.params, row.field);
        return (
          <List.Item data-problem={row.key}>
            <div>
              <Tag color="red">{field}</Tag>
              {row.indicatorName ? (
                link ? (
                  <Link to={link}>{row.indicatorName}</Link>
                ) : (
                  <span>{row.indicatorName}</span>
                )
              ) : EVALUATION_FIELDS.has(row.field) && onField ? (
                <Typography.Link onClick={() => onField(row.field)}>{t("evaluation.thisEvaluation")}</Typography.Link>
              ) : link ? (
                <Link to={link}>{t(row.field === "fundingLines" ? "evaluation.openFunding" : "evaluation.openIndicators")}</Link>
              ) : (
                <span>{t("evaluation.thisEvaluation")}</span>
              )}
              <Typography.Text type="secondary">：{message}</Typography.Text>
            </div>
          </List.Item>
        );
      }}
    />
  );
}
