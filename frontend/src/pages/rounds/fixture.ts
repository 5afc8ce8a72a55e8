// Answers for the rounds' and the home page's component tests.

export const me = (role: string) => ({
  data: {
    me: { kind: "USER", name: role, role, csrfToken: "t", user: null, scope: role === "EDITOR" ? { id: "2", code: "440115-001", name: "区委办" } : null },
  },
});

const summary = { onTime: 1, late: 1, returned: 0, notSubmitted: 1, overdue: 1, total: 4 };

export const roundRow = (over: Record<string, unknown> = {}) => ({
  __typename: "Round",
  id: "81604378624",
  version: 1,
  name: "2023年度绩效自评",
  kind: "SELF_EVALUATION",
  year: 2023,
  status: "OPEN",
  opensAt: "2024-03-01T00:00:00Z",
  deadline: "2024-03-31T15:59:59Z",
  daysLeft: 5,
  pastDeadline: false,
  monitoringPoint: null,
  summary: { __typename: "RoundSummary", ...summary },
  viewerCan: { __typename: "RoundViewerCan", update: true, close: true },
  ...over,
});

const dept = (id: string, code: string, name: string) => ({ __typename: "Department", id, code, name });

export const roundDetail = (over: Record<string, unknown> = {}) => ({
  data: {
    node: {
      ...roundRow(over),
      participants: [
        { __typename: "RoundParticipant", id: "p1", projects: false, status: "SUBMITTED_ON_TIME", submittedAt: "2024-03-20T02:00:00Z", department: dept("2", "440115-001", "区委办"), departmentYear: { id: "y1", year: 2023 }, evaluation: { id: "e1", status: "SUBMITTED" }, monitoringReport: null },
        { __typename: "RoundParticipant", id: "p2", projects: false, status: "SUBMITTED_LATE", submittedAt: "2024-04-02T02:00:00Z", department: dept("3", "440115-002", "区财政局"), departmentYear: { id: "y2", year: 2023 }, evaluation: { id: "e2", status: "APPROVED" }, monitoringReport: null },
        { __typename: "RoundParticipant", id: "p3", projects: false, status: "NOT_SUBMITTED", submittedAt: null, department: dept("4", "440115-003", "区教育局"), departmentYear: { id: "y3", year: 2023 }, evaluation: null, monitoringReport: null },
        { __typename: "RoundParticipant", id: "p4", projects: false, status: "OVERDUE", submittedAt: null, department: dept("5", "440115-004", "南沙街道"), departmentYear: null, evaluation: null, monitoringReport: null },
      ],
    },
  },
});

const subject = (id: string, department: string, project: string | null = null) => ({
  __typename: "Evaluation",
  id,
  departmentYear: { __typename: "DepartmentYear", id: "y" + id, year: 2023, department: { __typename: "Department", id: "d" + id, name: department } },
  project: project ? { __typename: "Project", id: "p" + id, name: project } : null,
});

export const queue = (over: Record<string, unknown> = {}) => ({
  data: {
    myQueue: {
      __typename: "Queue",
      toFill: [],
      returned: [],
      returnedTargets: [],
      toReview: [],
      toReviewCount: 0,
      targetsToReview: [],
      targetsToReviewCount: 0,
      monitoringToReview: [],
      monitoringToReviewCount: 0,
      rounds: [],
      ...over,
    },
  },
});

export const editorQueue = queue({
  toFill: [
    {
      __typename: "QueueTask",
      round: { __typename: "Round", id: "r1", name: "逾期轮次", kind: "SELF_EVALUATION" },
      participant: { __typename: "RoundParticipant", id: "p1" },
      department: { __typename: "Department", id: "2", name: "区委办" },
      departmentYear: { __typename: "DepartmentYear", id: "y1", year: 2023 },
      evaluation: { __typename: "Evaluation", id: "e1" },
      monitoringReport: null,
      monitoringPoint: null,
      status: "OVERDUE",
      deadline: "2024-03-31T15:59:59Z",
      daysLeft: -2,
    },
    {
      __typename: "QueueTask",
      round: { __typename: "Round", id: "r2", name: "2024年半年监控", kind: "MONITORING" },
      participant: { __typename: "RoundParticipant", id: "p2" },
      department: { __typename: "Department", id: "2", name: "区委办" },
      departmentYear: { __typename: "DepartmentYear", id: "y9", year: 2024 },
      evaluation: null,
      monitoringReport: { __typename: "MonitoringReport", id: "m9" },
      monitoringPoint: "2024-06-30",
      status: "NOT_SUBMITTED",
      deadline: "2024-07-31T15:59:59Z",
      daysLeft: 12,
    },
  ],
  returned: [
    { __typename: "QueueReturned", evaluation: subject("e9", "区委办", "基层党建经费"), comment: "请补充偏差原因", returnedAt: "2024-03-20T02:00:00Z", returnedBy: "reviewer" },
  ],
  returnedTargets: [
    {
      __typename: "QueueReturnedTargets",
      version: { __typename: "TargetVersion", id: "t5", number: 1, kind: "FILING", departmentYear: { __typename: "DepartmentYear", id: "y1", year: 2024, department: { __typename: "Department", id: "2", name: "区委办" } } },
      comment: "目标偏低",
      returnedAt: "2024-01-10T02:00:00Z",
      returnedBy: "reviewer",
    },
  ],
});

export const reviewerQueue = queue({
  toReview: [
    { __typename: "QueueReview", evaluation: subject("e1", "区委办"), submittedAt: "2024-03-20T02:00:00Z", daysWaiting: 8 },
    { __typename: "QueueReview", evaluation: subject("e2", "区财政局"), submittedAt: "2024-03-27T02:00:00Z", daysWaiting: 0 },
  ],
  toReviewCount: 2,
  targetsToReview: [
    {
      __typename: "QueueTargets",
      version: { __typename: "TargetVersion", id: "t1", number: 2, kind: "ADJUSTMENT", departmentYear: { __typename: "DepartmentYear", id: "y7", year: 2024, department: { __typename: "Department", id: "7", name: "区教育局" } } },
      submittedAt: "2024-03-25T02:00:00Z",
      daysWaiting: 3,
    },
  ],
  targetsToReviewCount: 1,
  monitoringToReview: [
    {
      __typename: "QueueMonitoringReview",
      report: { __typename: "MonitoringReport", id: "m1", point: "2024-06-30", departmentYear: { __typename: "DepartmentYear", id: "y1", year: 2024, department: { __typename: "Department", id: "2", name: "区委办" } }, project: null },
      submittedAt: "2024-07-10T02:00:00Z",
      daysWaiting: 4,
    },
  ],
  monitoringToReviewCount: 1,
  rounds: [roundRow({ pastDeadline: true, daysLeft: -1 })],
});
