// Breadcrumbs from the route: a menu screen is its group and its label; a screen under a department
// year names the department and the year (部门 / 中共广州市南沙区委员会办公室 2023 / 指标), read with
// one small query by the id in the path. The same answer feeds the recent items of the workbench.
import { createContext, useContext } from "react";
import { matchPath } from "react-router-dom";
import { useQuery } from "urql";
import type { TFunction } from "i18next";
import { graphql } from "../gql";
import type { LayoutCrumbsQuery } from "../gql/graphql";
import { entryOf } from "./menu";
import type { RecentItem } from "./recent";

export const LayoutCrumbsDocument = graphql(`
  query LayoutCrumbs($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on DepartmentYear {
        year
        department { id name }
      }
      ... on Project {
        name
        departmentYear { id year department { id name } }
      }
      ... on Evaluation {
        project { id name }
        departmentYear { id year department { id name } }
      }
      ... on Round {
        name
      }
    }
  }
`);

type Node = NonNullable<LayoutCrumbsQuery["node"]>;

/** One breadcrumb: its text and, unless it is where the user is, where it goes. */
export interface Crumb {
  title: string;
  path?: string;
}

interface Found {
  crumbs: Crumb[];
  /** The page draws its own breadcrumb (until it moves to PageHeader): the layout draws none. */
  own?: boolean;
  /** What the workbench lists as recently opened. */
  recent?: Omit<RecentItem, "at">;
}

interface DetailRoute {
  pattern: string;
  own?: boolean;
  build(t: TFunction, node: Node | undefined, id: string): Found;
}

type YearLike = { id: string; year: number; department: { name: string } };

const yearOf = (n: Node | undefined): YearLike | undefined => {
  if (!n) return undefined;
  if (n.__typename === "DepartmentYear") return { id: n.id, year: n.year, department: n.department };
  if (n.__typename === "Project" || n.__typename === "Evaluation") return n.departmentYear;
  return undefined;
};

/** 部门 / {department} {year}: the start of every crumb trail under a department year. */
function yearTrail(t: TFunction, dy: YearLike | undefined, link: boolean): Crumb[] {
  const departments = { title: t("layout.menu.departments"), path: "/departments" };
  const title = dy ? t("layout.crumb.year", { name: dy.department.name, year: dy.year }) : t("layout.crumb.loading");
  return [departments, { title, path: link && dy ? `/years/${dy.id}` : undefined }];
}

const yearRoute = (suffix: string, label: string | null, own?: boolean): DetailRoute => ({
  pattern: `/years/:id${suffix}`,
  own,
  build: (t, node) => {
    const dy = yearOf(node);
    return {
      own,
      crumbs: label ? [...yearTrail(t, dy, true), { title: t(label) }] : yearTrail(t, dy, false),
      recent: dy && { path: `/years/${dy.id}`, kind: "year", title: t("layout.crumb.year", { name: dy.department.name, year: dy.year }) },
    };
  },
});

const evaluationRoute = (report: boolean): DetailRoute => ({
  pattern: report ? "/evaluations/:id/report" : "/evaluations/:id",
  build: (t, node, id) => {
    const dy = yearOf(node);
    const project = node?.__typename === "Evaluation" ? node.project : undefined;
    const which = project ? t("layout.crumb.projectEvaluation", { name: project.name }) : t("layout.crumb.evaluation");
    const trail = yearTrail(t, dy, true);
    return {
      crumbs: report ? [...trail, { title: which, path: `/evaluations/${id}` }, { title: t("layout.crumb.report") }] : [...trail, { title: which }],
      recent: dy && { path: `/evaluations/${id}`, kind: "evaluation", title: t("layout.crumb.year", { name: dy.department.name, year: dy.year }), detail: which },
    };
  },
});

const detailRoutes: DetailRoute[] = [
  // The department-year page, its targets and its monitoring draw their own breadcrumbs today.
  yearRoute("", null, true),
  yearRoute("/indicators", "layout.crumb.indicators"),
  yearRoute("/targets", "layout.crumb.targets", true),
  yearRoute("/monitoring", "layout.crumb.monitoring", true),
  {
    pattern: "/projects/:id/indicators",
    build: (t, node, id) => {
      const dy = yearOf(node);
      const name = node?.__typename === "Project" ? node.name : t("layout.crumb.loading");
      return {
        crumbs: [...yearTrail(t, dy, true), { title: name }, { title: t("layout.crumb.indicators") }],
        recent: dy && { path: `/projects/${id}/indicators`, kind: "project", title: t("layout.crumb.year", { name: dy.department.name, year: dy.year }), detail: name },
      };
    },
  },
  evaluationRoute(false),
  evaluationRoute(true),
  {
    pattern: "/rounds/:id",
    build: (t, node) => ({
      crumbs: [
        { title: t("layout.menu.rounds"), path: "/rounds" },
        { title: node?.__typename === "Round" ? node.name : t("layout.crumb.loading") },
      ],
    }),
  },
];

/** The detail route a path matches, with the id in it. */
export function detailOf(pathname: string): { route: DetailRoute; id: string } | undefined {
  for (const route of detailRoutes) {
    const m = matchPath(route.pattern, pathname);
    if (m?.params.id) return { route, id: m.params.id };
  }
  return undefined;
}

/** The crumbs of a menu screen: its group (no link) and its label. The home page has none. */
export function menuCrumbs(t: TFunction, pathname: string): Crumb[] {
  const e = entryOf(pathname);
  if (!e || e.entry.path === "/home") return [];
  const label = { title: t(`layout.menu.${e.entry.label}`), path: pathname === e.entry.path ? undefined : e.entry.path };
  return e.group ? [{ title: t(`layout.menu.${e.group}`) }, label] : [label];
}

/** The breadcrumb of pathname, what to remember as recently opened, and whether the page draws its own. */
export function useRouteCrumbs(t: TFunction, pathname: string): Found {
  const detail = detailOf(pathname);
  const [{ data }] = useQuery({ query: LayoutCrumbsDocument, variables: { id: detail?.id ?? "" }, pause: !detail, requestPolicy: "cache-first" });
  if (!detail) return { crumbs: menuCrumbs(t, pathname) };
  const node = data?.node?.id === detail.id ? data.node : undefined;
  return detail.route.build(t, node, detail.id);
}

/** What the layout shares with the page: its crumbs, and a way for a PageHeader to draw them instead. */
export interface LayoutShare {
  crumbs: Crumb[];
  /** Called by a PageHeader when it mounts; the returned function is its unmount. */
  claim(): () => void;
}

export const LayoutContext = createContext<LayoutShare>({ crumbs: [], claim: () => () => {} });

export const useLayoutShare = () => useContext(LayoutContext);
