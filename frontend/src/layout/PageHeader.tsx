import { useLayoutEffect, type ReactNode } from "react";
import { Breadcrumb, Space, Typography } from "antd";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useLayoutShare, type Crumb } from "./crumbs";

/** A breadcrumb trail: links up to the page, the page itself as text. */
export function Crumbs({ items }: { items: Crumb[] }) {
  const { t } = useTranslation();
  if (items.length < 2) return null;
  return (
    <Breadcrumb
      aria-label={t("layout.crumb.label")}
      data-testid="breadcrumb"
      style={{ marginBottom: 8 }}
      items={items.map((c) => ({ title: c.path ? <Link to={c.path}>{c.title}</Link> : c.title }))}
    />
  );
}

/**
 * The head of a page (Ant Design Pro's page header): the breadcrumb (the route's, from the layout,
 * unless breadcrumb is given), the title with an optional subtitle, and the page's actions (extra)
 * at the right, below the title on a phone. A page that uses it takes over the layout's breadcrumb.
 * The title is the page's one h1.
 */
export default function PageHeader(props: { title: ReactNode; subTitle?: ReactNode; extra?: ReactNode; breadcrumb?: Crumb[]; children?: ReactNode }) {
  const { crumbs, claim } = useLayoutShare();
  useLayoutEffect(() => claim(), [claim]);
  return (
    <div data-testid="page-header" style={{ marginBottom: 16 }}>
      <Crumbs items={props.breadcrumb ?? crumbs} />
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: 8 }}>
        <Space wrap align="baseline" size={12} style={{ minWidth: 0 }}>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 24, lineHeight: 1.35 }}>
            {props.title}
          </Typography.Title>
          {props.subTitle && <Typography.Text type="secondary">{props.subTitle}</Typography.Text>}
        </Space>
        {props.extra && <Space wrap>{props.extra}</Space>}
      </div>
      {props.children}
    </div>
  );
}
