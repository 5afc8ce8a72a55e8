// The targets page's fixtures: the seed office's 2023 targets as the API answers them (typed by the
// generated query types, so a query they no longer match fails tsc).
import type { TargetsPageQuery, TargetStatus } from "../../gql/graphql";
import type { TargetChange, TargetEntry, TargetsYear, TargetVersion, YearTargets } from "./query";

type TargetsViewerCan = YearTargets["viewerCan"];

const entry = (e: Partial<TargetEntry> & Pick<TargetEntry, "indicatorID" | "name">): TargetEntry => ({
  projectID: null,
  level1: "履职效能",
  level2: "产出",
  kind: "QUANTITATIVE",
  operator: "GE",
  target: "100.00",
  unit: "%",
  weight: "5.00",
  ...e,
});

export const training = entry({ indicatorID: "i1", name: "业务岗位培训人数", target: "80.00", unit: "人次", weight: "6.00" });
export const supervision = entry({ indicatorID: "i2", name: "督查件按期办结率", target: "95.00", weight: "4.00" });
export const satisfaction = entry({
  indicatorID: "i3",
  name: "服务对象满意度",
  level1: "满意度",
  level2: "社会满意度",
  kind: "QUALITATIVE",
  operator: null,
  target: null,
  unit: "",
  weight: "10.00",
});
export const meetings = entry({
  indicatorID: "i4",
  projectID: "p1",
  name: "会议保障次数",
  level1: "产出指标",
  level2: "数量指标",
  target: "12.00",
  unit: "次",
  weight: "20.00",
});

export const entries = (trainingTarget: string): TargetEntry[] => [{ ...training, target: trainingTarget }, supervision, satisfaction, meetings];

export const targetChange = (before: string, after: string): TargetChange => ({
  indicatorID: "i1",
  name: "业务岗位培训人数",
  targetChanged: true,
  weightChanged: false,
  before: { ...training, target: before },
  after: { ...training, target: after },
});

const version = (v: Partial<TargetVersion> & Pick<TargetVersion, "id" | "number">): TargetVersion => ({
  kind: "FILING",
  status: "SUBMITTED",
  reason: "",
  reviewComment: "",
  submittedByName: "editor",
  reviewedByName: "",
  createdAt: "2026-12-07T09:00:00Z",
  reviewedAt: null,
  entries: entries("80.00"),
  changes: [],
  ...v,
});

/** The first filing, returned with a comment. */
export const v1 = version({
  id: "v1",
  number: 1,
  status: "RETURNED",
  reason: "2023年度绩效目标",
  reviewComment: "培训人数目标偏低",
  reviewedByName: "reviewer",
  reviewedAt: "2026-12-07T10:00:00Z",
});
/** Filed again with a higher target, and approved. */
export const v2 = version({
  id: "v2",
  number: 2,
  status: "APPROVED",
  reviewComment: "同意",
  reviewedByName: "reviewer",
  reviewedAt: "2026-12-08T10:00:00Z",
  createdAt: "2026-12-08T09:00:00Z",
  entries: entries("85.00"),
  changes: [targetChange("80.00", "85.00")],
});
/** An adjustment waiting for the bureau. */
export const v3 = version({
  id: "v3",
  number: 3,
  kind: "ADJUSTMENT",
  reason: "年中培训计划扩大",
  createdAt: "2026-12-09T09:00:00Z",
  entries: entries("100.00"),
  changes: [targetChange("85.00", "100.00")],
});

const can = (c: Partial<TargetsViewerCan> = {}) => ({ file: false, adjust: false, review: false, ...c });

/** The office's 2023 targets with the given versions (oldest first), status and what the caller may do. */
export function targetsYear(
  status: TargetStatus,
  versions: TargetVersion[],
  viewerCan: Partial<TargetsViewerCan> = {},
  adjusted?: { indicatorID: string; originalTarget: string; reason: string; number: number },
): TargetsYear {
  const approved = versions.filter((v) => v.status === "APPROVED").at(-1);
  const pending = versions.find((v) => v.status === "SUBMITTED");
  return {
    __typename: "DepartmentYear",
    id: "10",
    year: 2023,
    department: { id: "2", code: "440115-001", name: "中共广州市南沙区委员会办公室" },
    projects: { edges: [{ node: { id: "p1", code: "NS-01", name: "会议及综合服务" } }] },
    targets: {
      status,
      viewerCan: can(viewerCan),
      inForce: approved
        ? {
            id: approved.id,
            number: approved.number,
            entries: approved.entries.map((e) => ({
              indicatorID: e.indicatorID,
              indicator: {
                id: e.indicatorID,
                targetAdjustment:
                  adjusted?.indicatorID === e.indicatorID
                    ? {
                        originalTarget: adjusted.originalTarget,
                        originalWeight: e.weight,
                        versions: [{ id: `v${adjusted.number}`, number: adjusted.number, reason: adjusted.reason }],
                      }
                    : null,
              },
            })),
          }
        : null,
      pending: pending ? { id: pending.id, number: pending.number, kind: pending.kind } : null,
      versions,
    },
  };
}

export const pageAnswer = (year: TargetsYear): { data: TargetsPageQuery } => ({ data: { node: year } });
