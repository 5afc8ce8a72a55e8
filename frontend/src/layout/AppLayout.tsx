import type { ReactNode } from "react";
import { Button, Layout, Menu, Space, Typography } from "antd";
import { Link, useLocation } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/AuthContext";
import { setLanguage } from "../i18n";
import NotificationBell from "../notify/NotificationBell";

/** The frame of every signed-in screen: menu (what the role may use), user, language. */
export default function AppLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me, logout } = useAuth();
  const location = useLocation();
  const items = [
    { key: "/home", label: <Link to="/home">{t("nav.home")}</Link> },
    { key: "/rounds", label: <Link to="/rounds">{t("nav.rounds")}</Link> },
    { key: "/departments", label: <Link to="/departments">{t("nav.departments")}</Link> },
    { key: "/library", label: <Link to="/library">{t("nav.library")}</Link> },
  ];
  // The dashboards are for those who read every department; a menu choice, not an access rule (the server filters what each reads).
  if (me?.role && me.role !== "EDITOR") items.push({ key: "/dashboards", label: <Link to="/dashboards">{t("nav.dashboards")}</Link> });
  // The scoring rules are the finance bureau's (administrators and reviewers) to set.
  if (me?.role === "ADMIN" || me?.role === "REVIEWER") items.push({ key: "/rules", label: <Link to="/rules">{t("nav.rules")}</Link> });
  // So are the departments' targets waiting for review (绩效目标审核).
  if (me?.role === "ADMIN" || me?.role === "REVIEWER") items.push({ key: "/targets", label: <Link to="/targets">{t("nav.targets")}</Link> });
  // Webhooks are administrators' (the server refuses anybody else).
  if (me?.role === "ADMIN") items.push({ key: "/admin/webhooks", label: <Link to="/admin/webhooks">{t("notify.webhooks.nav")}</Link> });
  const selected = items.find((i) => location.pathname.startsWith(i.key))?.key ?? "";
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", gap: 24 }}>
        <Typography.Text strong style={{ color: "#fff", fontSize: 18, whiteSpace: "nowrap" }}>
          {t("app.name")} · {t("app.title")}
        </Typography.Text>
        <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items} style={{ flex: 1, minWidth: 0 }} />
        <Space style={{ color: "#fff" }}>
          <NotificationBell />
          <span data-testid="whoami">
            {t("auth.signedInAs", { name: me?.user?.displayName || me?.name, role: me?.role ? t(`roles.${me.role}`) : "" })}
          </span>
          <span>{me?.scope ? t("auth.department", { name: me.scope.name }) : t("auth.allDepartments")}</span>
          <Button size="small" onClick={() => setLanguage(i18n.language.startsWith("zh") ? "en" : "zh-CN")}>
            {t("nav.language")}
          </Button>
          <Button size="small" onClick={() => void logout()}>
            {t("auth.logout")}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
    </Layout>
  );
}
