// The side menu and the workbench's shortcuts, in one place: a new screen registers here (its path,
// its label in sections/layout.ts, who sees it) and gets its menu entry, its breadcrumb and its
// selection in the menu. Which entries a role sees is a menu choice, not an access rule: the server
// filters what each reads and refuses what each may not do.
import type { ReactNode } from "react";
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  ControlOutlined,
  DashboardOutlined,
  FallOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  GlobalOutlined,
  KeyOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SendOutlined,
  TableOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { MenuProps } from "antd";
import { Link } from "react-router-dom";
import type { TFunction } from "i18next";

export type Role = "ADMIN" | "REVIEWER" | "EDITOR" | "ANALYST";

const everyone: Role[] = ["ADMIN", "REVIEWER", "EDITOR", "ANALYST"];
const bureau: Role[] = ["ADMIN", "REVIEWER"];
const readers: Role[] = ["ADMIN", "REVIEWER", "ANALYST"];
const admin: Role[] = ["ADMIN"];

/** One screen in the menu: its path (also its menu key), its label key under layout.menu, who sees it. */
export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  roles: Role[];
  /** A page outside the signed-in console (the public site): opened as a plain link. */
  external?: boolean;
}

/** A heading over entries (antd's item group: always open, so every entry stays one click away). */
export interface MenuGroup {
  group: string;
  entries: MenuEntry[];
}

export const menu: (MenuEntry | MenuGroup)[] = [
  { path: "/home", label: "home", icon: <DashboardOutlined />, roles: everyone },
  {
    group: "years",
    entries: [
      { path: "/departments", label: "departments", icon: <ApartmentOutlined />, roles: everyone },
      { path: "/lists/department-years", label: "departmentYears", icon: <CalendarOutlined />, roles: everyone },
      { path: "/lists/projects", label: "projects", icon: <ProjectOutlined />, roles: everyone },
      { path: "/lists/evaluations", label: "evaluations", icon: <FileDoneOutlined />, roles: everyone },
      { path: "/lists/indicators-below-target", label: "belowTarget", icon: <FallOutlined />, roles: everyone },
    ],
  },
  {
    group: "work",
    entries: [
      { path: "/rounds", label: "rounds", icon: <ScheduleOutlined />, roles: everyone },
      // The departments' targets waiting for review (绩效目标审核) are the finance bureau's.
      { path: "/targets", label: "targets", icon: <FileSearchOutlined />, roles: bureau },
    ],
  },
  {
    group: "analysis",
    entries: [
      // The dashboards are for those who read every department.
      { path: "/dashboards", label: "dashboards", icon: <BarChartOutlined />, roles: readers },
      { path: "/library", label: "library", icon: <BookOutlined />, roles: everyone },
      // The scoring rules are the finance bureau's (administrators and reviewers) to set.
      { path: "/rules", label: "rules", icon: <ControlOutlined />, roles: bureau },
    ],
  },
  {
    group: "admin",
    entries: [
      { path: "/admin/users", label: "users", icon: <TeamOutlined />, roles: admin },
      { path: "/admin/tokens", label: "tokens", icon: <KeyOutlined />, roles: admin },
      { path: "/admin/departments", label: "orgTree", icon: <TableOutlined />, roles: admin },
      { path: "/admin/audit", label: "audit", icon: <AuditOutlined />, roles: admin },
      // Webhooks are administrators' (the server refuses anybody else).
      { path: "/admin/webhooks", label: "webhooks", icon: <SendOutlined />, roles: admin },
    ],
  },
  // What a signed-out visitor sees: the published reports.
  { path: "/public", label: "public", icon: <GlobalOutlined />, roles: everyone, external: true },
];

const isGroup = (x: MenuEntry | MenuGroup): x is MenuGroup => "group" in x;

/** The menu as the role sees it: its entries, and the groups that keep at least one. */
export function menuFor(role: string | undefined): (MenuEntry | MenuGroup)[] {
  const sees = (e: MenuEntry) => !!role && e.roles.includes(role as Role);
  return menu.flatMap((x): (MenuEntry | MenuGroup)[] => {
    if (!isGroup(x)) return sees(x) ? [x] : [];
    const entries = x.entries.filter(sees);
    return entries.length ? [{ ...x, entries }] : [];
  });
}

/** Every entry, with the group it sits in. */
export function entries(): { entry: MenuEntry; group?: string }[] {
  return menu.flatMap((x) => (isGroup(x) ? x.entries.map((entry) => ({ entry, group: x.group })) : [{ entry: x }]));
}

/** The entry a path belongs to: the longest entry path that is the path or a folder above it. */
export function entryOf(pathname: string): { entry: MenuEntry; group?: string } | undefined {
  let best: { entry: MenuEntry; group?: string } | undefined;
  for (const e of entries()) {
    const p = e.entry.path;
    if ((pathname === p || pathname.startsWith(p + "/")) && (!best || p.length > best.entry.path.length)) best = e;
  }
  return best;
}

/**
 * The menu items for antd's Menu, in the role's view; clicking one calls onNavigate (the phone's
 * drawer closes). A collapsed menu shows icons alone: its groups are dividers, not cut-off titles.
 */
export function menuItems(role: string | undefined, t: TFunction, onNavigate?: () => void, collapsed = false): NonNullable<MenuProps["items"]> {
  const item = (e: MenuEntry) => ({
    key: e.path,
    icon: e.icon,
    label: e.external ? (
      <a href={e.path} onClick={onNavigate}>
        {t(`layout.menu.${e.label}`)}
      </a>
    ) : (
      <Link to={e.path} onClick={onNavigate}>
        {t(`layout.menu.${e.label}`)}
      </Link>
    ),
  });
  if (collapsed)
    return menuFor(role).flatMap((x) => (isGroup(x) ? [{ type: "divider" as const, key: `group:${x.group}` }, ...x.entries.map(item)] : [item(x)]));
  return menuFor(role).map((x) =>
    isGroup(x) ? { type: "group" as const, key: `group:${x.group}`, label: t(`layout.menu.${x.group}`), children: x.entries.map(item) } : item(x),
  );
}

/** A shortcut on the workbench: a label key under layout.home and where it goes. */
export interface Shortcut {
  key: string;
  icon: ReactNode;
  to: string;
}

/**
 * The workbench's shortcuts for a role. An editor's go to the latest year of their department
 * (its indicators, and its self-evaluation where a workbook is uploaded) when it is known.
 */
export function shortcutsFor(role: string | undefined, latest?: { yearId: string; evaluationId?: string }): Shortcut[] {
  switch (role) {
    case "EDITOR":
      return [
        { key: "fill", icon: <TableOutlined />, to: latest ? `/years/${latest.yearId}/indicators` : "/departments" },
        { key: "upload", icon: <FileDoneOutlined />, to: latest?.evaluationId ? `/evaluations/${latest.evaluationId}` : latest ? `/years/${latest.yearId}` : "/departments" },
      ];
    case "REVIEWER":
      return [
        { key: "toReview", icon: <FileSearchOutlined />, to: "/lists/evaluations?status=SUBMITTED" },
        { key: "rounds", icon: <ScheduleOutlined />, to: "/rounds" },
      ];
    case "ADMIN":
      return [
        { key: "users", icon: <TeamOutlined />, to: "/admin/users" },
        { key: "audit", icon: <AuditOutlined />, to: "/admin/audit" },
        { key: "toReview", icon: <FileSearchOutlined />, to: "/lists/evaluations?status=SUBMITTED" },
        { key: "rounds", icon: <ScheduleOutlined />, to: "/rounds" },
      ];
    case "ANALYST":
      return [
        { key: "dashboards", icon: <BarChartOutlined />, to: "/dashboards" },
        { key: "evaluations", icon: <FileDoneOutlined />, to: "/lists/evaluations" },
        { key: "belowTarget", icon: <FallOutlined />, to: "/lists/indicators-below-target" },
      ];
    default:
      return [];
  }
}
