import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { Button, ConfigProvider, Drawer, Layout, Menu, Space, Tooltip, Typography, theme } from "antd";
import { GlobalOutlined, LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from "@ant-design/icons";
import { Link, useLocation } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/AuthContext";
import { setLanguage } from "../i18n";
import NotificationBell from "../notify/NotificationBell";
import { entryOf, menuItems } from "./menu";
import { LayoutContext, useRouteCrumbs } from "./crumbs";
import { Crumbs } from "./PageHeader";
import { NARROW, useMediaQuery } from "./media";
import { useRecent } from "./recent";

const collapsedKey = "jixiao.menuCollapsed";

/** The app's name: the mark, and the full title when there is room. */
function Brand({ full }: { full: boolean }) {
  const { t } = useTranslation();
  return (
    <Link
      to="/home"
      style={{ display: "flex", alignItems: "center", gap: 8, minWidth: 0, color: "inherit" }}
      aria-label={full ? undefined : `${t("app.name")} · ${t("app.title")}`}
    >
      <span
        aria-hidden
        style={{ flex: "none", width: 32, height: 32, borderRadius: 6, background: "#0958d9", color: "#fff", display: "grid", placeItems: "center", fontWeight: 600, lineHeight: "32px" }}
      >
        {t("app.name").slice(0, 1)}
      </span>
      {full && (
        <Typography.Text strong ellipsis style={{ fontSize: 16, minWidth: 0 }}>
          {t("app.name")} · {t("app.title")}
        </Typography.Text>
      )}
    </Link>
  );
}

/**
 * The frame of every signed-in screen (Ant Design Pro's side layout): the side menu of what the
 * role uses (menu.tsx), collapsible and remembered; on a phone (≤ 768 px) a drawer opened from the
 * header. The header: notifications, who is signed in (truncated, whole in a tooltip), the
 * language and signing out, all within a 390 px screen. Above the page, the route's breadcrumb.
 */
export default function AppLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { me, logout } = useAuth();
  const location = useLocation();
  const narrow = useMediaQuery(NARROW);
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(collapsedKey) === "1");
  const [drawer, setDrawer] = useState(false);
  const [claims, setClaims] = useState(0);
  const claim = useCallback(() => {
    setClaims((c) => c + 1);
    return () => setClaims((c) => c - 1);
  }, []);

  const toggle = () => {
    localStorage.setItem(collapsedKey, collapsed ? "0" : "1");
    setCollapsed(!collapsed);
  };

  const found = useRouteCrumbs(t, location.pathname);
  const { remember } = useRecent(me?.user?.id);
  const recent = found.recent;
  useEffect(() => {
    if (recent) remember(recent);
  }, [remember, recent?.path, recent?.title, recent?.detail]); // eslint-disable-line react-hooks/exhaustive-deps

  const selected = entryOf(location.pathname)?.entry.path ?? "";
  const close = useCallback(() => setDrawer(false), []);
  const folded = collapsed && !narrow;
  const items = useMemo(() => menuItems(me?.role ?? undefined, t, narrow ? close : undefined, folded), [me?.role, t, narrow, close, folded]);
  // antd's default group titles (#8c8c8c) and selected item (#1677ff on #e6f4ff) fall short of WCAG AA's 4.5:1.
  const menu = (
    <ConfigProvider theme={{ components: { Menu: { groupTitleColor: "rgba(0, 0, 0, 0.65)", itemSelectedColor: "#0958d9" } } }}>
      <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 0 }} />
    </ConfigProvider>
  );

  const name = me?.user?.displayName || me?.name || "";
  const role = me?.role ? t(`roles.${me.role}`) : "";
  const department = me?.scope ? t("auth.department", { name: me.scope.name }) : t("auth.allDepartments");
  const zh = i18n.language.startsWith("zh");
  const share = useMemo(() => ({ crumbs: found.crumbs, claim }), [found.crumbs, claim]);

  return (
    <LayoutContext.Provider value={share}>
      <Layout style={{ minHeight: "100vh" }}>
        {!narrow && (
          <Layout.Sider
            theme="light"
            width={232}
            collapsedWidth={64}
            collapsible
            collapsed={collapsed}
            trigger={null}
            data-testid="side-menu"
            style={{ position: "sticky", top: 0, height: "100vh", overflow: "auto", borderInlineEnd: `1px solid ${token.colorSplit}` }}
          >
            <div style={{ height: 56, padding: collapsed ? "12px 16px" : "12px 16px", display: "flex", alignItems: "center" }}>
              <Brand full={!collapsed} />
            </div>
            <nav aria-label={t("layout.menu.label")}>{menu}</nav>
          </Layout.Sider>
        )}
        <Layout style={{ minWidth: 0 }}>
          <Layout.Header
            data-testid="app-header"
            style={{
              position: "sticky",
              top: 0,
              zIndex: 10,
              height: 56,
              lineHeight: "56px",
              padding: narrow ? "0 8px" : "0 16px",
              background: token.colorBgContainer,
              borderBottom: `1px solid ${token.colorSplit}`,
              display: "flex",
              alignItems: "center",
              gap: narrow ? 4 : 12,
              minWidth: 0,
            }}
          >
            {narrow ? (
              <>
                <Button type="text" icon={<MenuOutlined />} aria-label={t("layout.header.open")} aria-expanded={drawer} onClick={() => setDrawer(true)} data-testid="menu-open" />
                <Brand full={false} />
              </>
            ) : (
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                aria-label={t(collapsed ? "layout.header.expand" : "layout.header.collapse")}
                aria-expanded={!collapsed}
                onClick={toggle}
                data-testid="menu-collapse"
              />
            )}
            <div style={{ flex: 1, minWidth: 0 }} />
            <NotificationBell />
            <Tooltip
              title={
                <>
                  <div>{name}</div>
                  <div>{role}</div>
                  <div>{department}</div>
                </>
              }
            >
              <span
                data-testid="whoami"
                style={{ display: "inline-block", minWidth: 0, maxWidth: narrow ? 96 : 240, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", lineHeight: "normal" }}
              >
                {narrow ? name : t("auth.signedInAs", { name, role })}
              </span>
            </Tooltip>
            {!narrow && (
              <Typography.Text style={{ whiteSpace: "nowrap", maxWidth: 240 }} ellipsis data-testid="scope">
                {department}
              </Typography.Text>
            )}
            <Space size={narrow ? 4 : 8} style={{ flex: "none" }}>
              {narrow ? (
                <>
                  <Button type="text" icon={<GlobalOutlined />} aria-label={t("nav.language")} onClick={() => setLanguage(zh ? "en" : "zh-CN")} />
                  <Button type="text" icon={<LogoutOutlined />} aria-label={t("auth.logout")} onClick={() => void logout()} />
                </>
              ) : (
                <>
                  <Button size="small" icon={<GlobalOutlined />} onClick={() => setLanguage(zh ? "en" : "zh-CN")}>
                    {t("nav.language")}
                  </Button>
                  <Button size="small" icon={<LogoutOutlined />} onClick={() => void logout()}>
                    {t("auth.logout")}
                  </Button>
                </>
              )}
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
            {!claims && !found.own && <Crumbs items={found.crumbs} />}
            {/* The page's one h1, for screen readers, where no PageHeader draws a visible one. */}
            {!claims && (
              <h1 style={{ position: "absolute", width: 1, height: 1, margin: 0, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" }} data-testid="page-title">
                {found.crumbs.at(-1)?.title ?? t("app.title")}
              </h1>
            )}
            {children}
          </Layout.Content>
        </Layout>
        {narrow && (
          <Drawer
            placement="left"
            open={drawer}
            onClose={close}
            width={280}
            title={<Brand full />}
            styles={{ body: { padding: 0 } }}
            data-testid="menu-drawer"
          >
            <div style={{ padding: "12px 24px", borderBottom: `1px solid ${token.colorSplit}` }}>
              <Typography.Text strong style={{ display: "block" }}>
                {name}
              </Typography.Text>
              <Typography.Text style={{ display: "block" }}>
                {role} · {department}
              </Typography.Text>
            </div>
            <nav aria-label={t("layout.menu.label")}>{menu}</nav>
          </Drawer>
        )}
      </Layout>
    </LayoutContext.Provider>
  );
}
