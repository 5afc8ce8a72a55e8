import { List, Tag, Tooltip, Typography } from "antd";
import { WarningOutlined } from "@ant-design/icons";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { warningField, warningSubject, warningText, type WarningLike } from "../api/warnings";

/** What the lists of warnings show of each: the indicator (and its project, for the link), the project, the month. */
export const WarningFieldsFragmentDoc = graphql(`
  fragment WarningFields on Warning {
    code
    params
    month
    indicator { id name departmentYearID projectID }
    project { id name }
  }
`);

const warningColor = "#d48806";

/**
 * An indicator's warnings as an icon beside it: the sentences in its tooltip and in its
 * accessible name. Nothing when there are none.
 */
export function WarningIcon({ warnings }: { warnings: readonly WarningLike[] | undefined }) {
  const { t } = useTranslation();
  if (!warnings?.length) return null;
  const texts = warnings.map((w) => warningText(t, w));
  return (
    <Tooltip
      title={
        <ul className="warning-tip" style={{ margin: 0, paddingLeft: 16 }}>
          {texts.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      }
    >
      <WarningOutlined
        role="img"
        tabIndex={0}
        aria-label={t("warnings.iconLabel", { text: texts.join(" ") })}
        data-testid="warning-icon"
        data-codes={warnings.map((w) => w.code).join(" ")}
        style={{ color: warningColor, marginRight: 4 }}
      />
    </Tooltip>
  );
}

/** Where a warning is fixed: the indicator's cell in its editor, a project's editor; none for a month's. */
export function warningLink(w: WarningLike): string | undefined {
  const ind = w.indicator;
  if (ind?.departmentYearID) {
    const editor = ind.projectID ? `/projects/${ind.projectID}/indicators` : `/years/${ind.departmentYearID}/indicators`;
    const q = new URLSearchParams({ indicator: ind.id });
    const field = warningField(w);
    if (field) q.set("field", field);
    return `${editor}?${q.toString()}`;
  }
  if (w.project) return `/projects/${w.project.id}/indicators`;
  return undefined;
}

/** Warnings as a list: what each is about (a link to fix it where there is one) and its sentence. */
export function WarningsList({ warnings }: { warnings: readonly WarningLike[] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={[...warnings]}
      data-testid="warnings"
      renderItem={(w, i) => {
        const link = warningLink(w);
        const subject = warningSubject(t, w);
        return (
          <List.Item key={i} data-warning={w.code}>
            <div>
              <Tag color="gold">{t("warnings.title")}</Tag>
              {link ? <Link to={link}>{subject}</Link> : <span>{subject}</span>}
              <Typography.Text type="secondary">：{warningText(t, w)}</Typography.Text>
            </div>
          </List.Item>
        );
      }}
    />
  );
}
