import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Alert, Button, Card, Descriptions, Empty, Space, Spin, Statistic, Tag, Tooltip, Typography, message } from "antd";
import { BookOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useClient, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { graphql } from "../gql";
import type { IndicatorEditorProjectQuery, IndicatorEditorYearQuery } from "../gql/graphql";
import { errorsText, errorText, type FieldError, fieldErrors } from "../api/errors";
import { nodes } from "../lib/relay";
import AddIndicatorForm, { type NewIndicator } from "./indicators/AddIndicatorForm";
import DeviationPrompt from "./indicators/DeviationPrompt";
import IndicatorTable, { type IndicatorTableHandle } from "./indicators/IndicatorTable";
import { sameDecimal, sumDecimals } from "./indicators/decimal";
import { EditStore } from "./indicators/editStore";
import { applyChange, changeFor, typedValue, type IndicatorChange } from "./indicators/input";
import { shareRows } from "./indicators/tree";
import { CELL_ORDER, type CellField, type IndicatorRow } from "./indicators/types";
import { validateCell } from "./indicators/validate";
import { useRules } from "./indicators/rules";
import ExportButton from "../components/ExportButton";
import { WarningsList } from "../components/Warnings";
import { FormDownloadButton, FormImportButton } from "./evaluation/FormImport";
import { useAuth } from "../auth/AuthContext";
import { useChangedElsewhere } from "../notify/useChangedElsewhere";
import LibraryDrawer from "./library/LibraryDrawer";
import ProposeIndicatorModal, { type Proposal } from "./library/ProposeIndicatorModal";
import TargetStatusTag from "./targets/StatusTag";
import { FIXED_STATUSES } from "./targets/status";
import WhatIfMode, { WhatIfToggle } from "./indicators/WhatIfMode";

graphql(`
  fragment IndicatorEditorRow on Indicator {
    id
    version
    position
    level1
    level2
    name
    kind
    operator
    target
    unit
    weight
    actual
    binding
    rating
    ratedScore
    deviationReason
    scoringCriteria
    effectiveActual
    completionRate
    score
    attainment
    deviationRequired
    warnings { code params }
    targetAdjustment { originalTarget originalWeight versions { id number reason } }
    attachmentCount
    reviewScore { score reason }
  }
`);

graphql(`
  fragment IndicatorEditorEvaluation on Evaluation {
    id
    status
    score
    grade
    subtotals { level1 level2 score weight }
    warnings { ...WarningFields }
  }
`);

// Two queries, not one with both branches: each page of 1000 indicators counts fully
// against the server's complexity limit, even in the branch that does not apply.
const YearIndicatorsDocument = graphql(`
  query IndicatorEditorYear($id: ID!) {
    node(id: $id) {
      __typename
      ... on DepartmentYear {
        id
        year
        department { id name }
        viewerCan { edit }
        lockReason { status }
        targets { status }
        rules { parameters { deviationBelow deviationAtOrAbove ratingBands { rating low high highInclusive } } }
        indicators(first: 1000, where: { hasProject: false }, orderBy: [{ field: POSITION }]) {
          totalCount
          edges { node { ...IndicatorEditorRow } }
        }
        overallEvaluation { ...IndicatorEditorEvaluation }
      }
    }
  }
`);

const ProjectIndicatorsDocument = graphql(`
  query IndicatorEditorProject($id: ID!) {
    node(id: $id) {
      __typename
      ... on Project {
        id
        name
        departmentYear { id year department { id name } targets { status } }
        viewerCan { edit }
        lockReason { status }
        rules { parameters { deviationBelow deviationAtOrAbove ratingBands { rating low high highInclusive } } }
        indicators(first: 1000, orderBy: [{ field: POSITION }]) {
          totalCount
          edges { node { ...IndicatorEditorRow } }
        }
        evaluation { ...IndicatorEditorEvaluation }
      }
    }
  }
`);

const UpdateIndicatorDocument = graphql(`
  mutation IndicatorEditorUpdate($id: ID!, $input: UpdateIndicatorInput!, $version: Int) {
    updateIndicator(id: $id, input: $input, version: $version) { ...IndicatorEditorRow }
  }
`);

const CreateIndicatorDocument = graphql(`
  mutation IndicatorEditorCreate($input: CreateIndicatorInput!) {
    createIndicator(input: $input) { ...IndicatorEditorRow }
  }
`);

const DeleteIndicatorDocument = graphql(`
  mutation IndicatorEditorDelete($id: ID!) {
    deleteIndicator(id: $id)
  }
`);

type YearNode = Extract<NonNullable<IndicatorEditorYearQuery["node"]>, { __typename: "DepartmentYear" }>;
type Evaluation = NonNullable<YearNode["overallEvaluation"]>;

interface Subject {
  kind: "year" | "project";
  departmentYearID: string;
  projectID?: string;
  title: string;
  indicators: IndicatorRow[];
  evaluation?: Evaluation | null;
  /** The server's answers: may the caller edit the subject's indicators, and the lock that holds them. */
  canEdit: boolean;
  lockStatus?: string;
  /** Where the year's performance targets stand (绩效目标): filed or approved, they fix the target-defining cells. */
  targetsStatus: string;
}

/** A list this long is drawn as a virtual table (only the rows in view). */
const VIRTUAL_FROM = 80;
/** Changing these can make a deviation reason necessary. */
const DEVIATION_FIELDS = new Set<CellField>(["actual", "target", "operator"]);
const isCellField = (f: string | undefined | null): f is CellField => !!f && (CELL_ORDER as string[]).includes(f);

function subjectOf(
  node: IndicatorEditorYearQuery["node"] | IndicatorEditorProjectQuery["node"] | undefined,
  t: TFunction,
): Subject | undefined {
  if (node?.__typename === "DepartmentYear" && "indicators" in node) {
    return {
      kind: "year",
      departmentYearID: node.id,
      title: t("indicators.yearSubject", { department: node.department.name, year: node.year }),
      indicators: nodes<IndicatorRow>(node.indicators),
      evaluation: node.overallEvaluation,
      canEdit: node.viewerCan.edit,
      lockStatus: node.lockReason?.status,
      targetsStatus: node.targets.status,
    };
  }
  if (node?.__typename === "Project" && "indicators" in node) {
    return {
      kind: "project",
      departmentYearID: node.departmentYear.id,
      projectID: node.id,
      title: t("indicators.projectSubject", {
        name: node.name,
        department: node.departmentYear.department.name,
        year: node.departmentYear.year,
      }),
      indicators: nodes<IndicatorRow>(node.indicators),
      evaluation: node.evaluation,
      canEdit: node.viewerCan.edit,
      lockStatus: node.lockReason?.status,
      targetsStatus: node.departmentYear.targets.status,
    };
  }
  return undefined;
}

/** Keeps row objects that did not change across refetches (see shareRows). */
function useSharedRows(next: IndicatorRow[]): IndicatorRow[] {
  const [state, setState] = useState<{ next: IndicatorRow[] | null; rows: IndicatorRow[] }>({ next: null, rows: [] });
  if (state.next !== next) {
    const rows = shareRows(state.rows, next);
    setState({ next, rows });
    return rows;
  }
  return state.rows;
}

/** Marks a total or grade that does not count yet, its reason on hover and to screen readers. */
function ProvisionalTag({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={reason}>
      <Tag color="orange" aria-label={`${t("indicators.provisional")}：${reason}`} tabIndex={0} data-testid="provisional-tag">
        {t("indicators.provisional")}
      </Tag>
    </Tooltip>
  );
}

/** The indicator editor of a department-year's overall indicators or of one project's. */
export default function IndicatorsPage() {
  const { yearId, projectId } = useParams();
  // A new subject starts with fresh state (banners, unsaved cells).
  return <IndicatorEditor key={projectId ?? yearId} yearId={yearId} projectId={projectId} />;
}

function IndicatorEditor({ yearId, projectId }: { yearId?: string; projectId?: string }) {
  const id = projectId ?? yearId ?? "";
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const client = useClient();
  const [year, refetchYear] = useQuery({ query: YearIndicatorsDocument, variables: { id }, pause: !yearId || !!projectId });
  const [project, refetchProject] = useQuery({ query: ProjectIndicatorsDocument, variables: { id }, pause: !projectId });
  const { data, fetching, error } = projectId ? project : year;
  // The bands of the rules that score these indicators (a rule set may move them).
  const subjectNode = data?.node && "rules" in data.node ? data.node : undefined;
  const rules = useRules(subjectNode?.rules.parameters.ratingBands);
  const refetch = projectId ? refetchProject : refetchYear;
  const [store] = useState(() => new EditStore());
  const [overlay, setOverlay] = useState<ReadonlyMap<string, IndicatorRow>>(() => new Map());
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(() => new Set());
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [lockedMessage, setLockedMessage] = useState<string>();
  // A save refused because the year's targets are fixed (LOCKED, TARGETS_FIXED): where they stand now.
  const [targetsFixedBy, setTargetsFixedBy] = useState<string>();
  const [forbidden, setForbidden] = useState<string>();
  const [prompt, setPrompt] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [fromLibrary, setFromLibrary] = useState(false);
  const [proposing, setProposing] = useState<Proposal>();
  // What-if mode: edits are tried on the server (Query.whatIf), never saved; leaving it discards them.
  const [whatIf, setWhatIf] = useState(false);
  const { me } = useAuth();
  const tableHandle = useRef<IndicatorTableHandle>(null);

  const subject = useMemo(() => subjectOf(data?.node, t), [data, t]);
  const fetched = useSharedRows(useMemo(() => subject?.indicators ?? [], [subject]));
  const rows = useMemo(
    () =>
      fetched
        .filter((r) => !deleted.has(r.id))
        .map((r) => {
          const o = overlay.get(r.id);
          return o && o.version >= r.version ? o : r;
        }),
    [fetched, overlay, deleted],
  );

  // The callbacks below run outside rendering and read the latest rows from here.
  const rowsRef = useRef(new Map<string, IndicatorRow>());
  const confirmedRef = useRef(new Map<string, IndicatorRow>());
  const chains = useRef(new Map<string, Promise<number | undefined>>());
  useLayoutEffect(() => {
    rowsRef.current = new Map(rows.map((r) => [r.id, r]));
  }, [rows]);

  const evaluation = subject?.evaluation;
  // Whether the caller may edit, and why not, are the server's answers (viewerCan, lockReason).
  const canEdit = !!subject?.canEdit;
  const status = subject?.lockStatus;
  const underReview = !!status;
  const lockedForMe = underReview && !canEdit;
  const readOnly = !canEdit || !!lockedMessage || !!forbidden;
  const targetsStatus = targetsFixedBy ?? subject?.targetsStatus;
  const targetsFixed = !!targetsStatus && FIXED_STATUSES.includes(targetsStatus);
  /** A LOCKED refusal: by the year's targets (only their cells), or by the evaluation (the whole table). */
  const locked = useCallback(
    (e: FieldError) => (e.reason === "TARGETS_FIXED" ? setTargetsFixedBy(e.status ?? "APPROVED") : setLockedMessage(errorText(t, e))),
    [t],
  );

  useEffect(() => {
    if (readOnly) store.setActive(null);
  }, [readOnly, store]);

  const report = useCallback(
    (row: IndicatorRow, field: CellField, errors: FieldError[]) => {
      const top: string[] = [];
      for (const e of errors) {
        if (e.code === "CONFLICT" && e.field === "version") {
          setConflict(true);
          store.setError(row.id, field, t("common.conflict"));
        } else if (e.code === "LOCKED" && e.reason === "TARGETS_FIXED") {
          locked(e);
          store.setError(row.id, field, errorText(t, e));
        } else if (e.code === "LOCKED") locked(e);
        else if (e.code === "FORBIDDEN" || e.code === "UNAUTHENTICATED") setForbidden(errorText(t, e));
        else if (isCellField(e.field)) store.setError(row.id, e.field, errorText(t, e));
        else top.push(`${row.name}：${errorText(t, e)}`);
      }
      if (top.length) setProblems((p) => [...p, ...top]);
    },
    [store, t, locked],
  );

  const save = useCallback(
    (row: IndicatorRow, field: CellField, change: IndicatorChange) => {
      const id = row.id;
      const base = row.version;
      store.markSaving(id, 1);
      const previous = chains.current.get(id) ?? Promise.resolve(undefined);
      const next = previous.then(async (prevVersion) => {
        const version = Math.max(prevVersion ?? 0, base);
        const r = await client.mutation(UpdateIndicatorDocument, { id, input: change, version }).toPromise();
        store.markSaving(id, -1);
        const saved = r.data?.updateIndicator as IndicatorRow | undefined;
        if (!saved || r.error) {
          const back = confirmedRef.current.get(id);
          setOverlay((m) => {
            const copy = new Map(m);
            if (back) copy.set(id, back);
            else copy.delete(id);
            return copy;
          });
          report(row, field, fieldErrors(r.error));
          return undefined;
        }
        confirmedRef.current.set(id, saved);
        rowsRef.current.set(id, saved);
        setOverlay((m) => new Map(m).set(id, saved));
        store.setError(id, field, undefined);
        if (DEVIATION_FIELDS.has(field) && saved.deviationRequired && !saved.deviationReason.trim()) setPrompt(id);
        return saved.version;
      });
      chains.current.set(id, next);
    },
    [client, report, store],
  );

  /** Checks a cell's new value as the server will, then saves it in the background. */
  const commit = useCallback(
    (id: string, field: CellField, typed: string): boolean => {
      const row = rowsRef.current.get(id);
      if (!row) return true;
      // Full-width digits typed through an input method (１２０．５) are the number they show.
      const value = typedValue(field, typed);
      const invalid = validateCell(row, field, value, rules);
      if (invalid) {
        const values = { ...invalid.values } as Record<string, string>;
        if (values.rating) values.rating = t(`indicators.rating.${values.rating}`);
        store.setError(id, field, t(`indicators.validation.${invalid.key}`, values));
        return false;
      }
      store.setError(id, field, undefined);
      const change = changeFor(row, field, value, rules?.bands);
      if (!change) return true;
      const optimistic = applyChange(row, change);
      rowsRef.current.set(id, optimistic);
      setOverlay((m) => new Map(m).set(id, optimistic));
      save(row, field, change);
      return true;
    },
    [save, store, t, rules],
  );

  const reload = useCallback(() => {
    setConflict(false);
    setProblems([]);
    setLockedMessage(undefined);
    setTargetsFixedBy(undefined);
    setForbidden(undefined);
    setOverlay(new Map());
    confirmedRef.current.clear();
    store.clearErrors();
    refetch({ requestPolicy: "network-only" });
  }, [refetch, store]);

  // Someone else's change of the year's data (any indicator, figure or project of it): read the
  // indicators again. Cells being typed in keep their text; saving a stale row meets the version check.
  const fresh = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  useChangedElsewhere("year", subject?.departmentYearID, fresh);

  const remove = useCallback(
    async (row: IndicatorRow) => {
      const r = await client.mutation(DeleteIndicatorDocument, { id: row.id }).toPromise();
      if (r.error) {
        const errs = fieldErrors(r.error);
        const refusal = errs.find((e) => e.code === "LOCKED");
        if (refusal) locked(refusal);
        void message.error(errs.map((e) => errorText(t, e)).join("；"));
        return;
      }
      setDeleted((s) => new Set(s).add(row.id));
      void message.success(t("indicators.deleted", { name: row.name }));
      refetch({ requestPolicy: "network-only" });
    },
    [client, refetch, t, locked],
  );

  const create = useCallback(
    async (v: NewIndicator): Promise<FieldError[]> => {
      if (!subject) return [];
      const position = rows.reduce((max, r) => Math.max(max, r.position), 0) + 1;
      const r = await client
        .mutation(CreateIndicatorDocument, {
          input: {
            departmentYearID: subject.departmentYearID,
            projectID: subject.projectID,
            position,
            level1: v.level1,
            level2: v.level2,
            name: v.name,
            kind: v.kind,
            operator: v.operator,
            target: v.target,
            unit: v.unit,
            weight: v.weight,
            binding: v.binding,
          },
        })
        .toPromise();
      const errors = fieldErrors(r.error);
      const refusal = errors.find((e) => e.code === "LOCKED");
      if (refusal) locked(refusal);
      if (!errors.length) {
        setAdding(false);
        void message.success(t("indicators.created", { name: v.name }));
        refetch({ requestPolicy: "network-only" });
      }
      return errors;
    },
    [client, refetch, rows, subject, t, locked],
  );

  // A link from the evaluation's problems (?indicator=…&field=…) opens that cell once loaded.
  const focusID = search.get("indicator");
  const focusField = search.get("field");
  const revealed = useRef<string | null>(null);
  const loaded = rows.length > 0;
  useEffect(() => {
    if (!focusID || !loaded || revealed.current === focusID) return;
    revealed.current = focusID;
    tableHandle.current?.reveal(focusID, isCellField(focusField) ? focusField : undefined);
  }, [focusID, focusField, loaded]);

  const groups = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const r of rows) {
      const l2 = m.get(r.level1) ?? [];
      if (!l2.includes(r.level2)) l2.push(r.level2);
      m.set(r.level1, l2);
    }
    return m;
  }, [rows]);

  const promptRow = prompt ? rows.find((r) => r.id === prompt) : undefined;
  const onDelete = readOnly || targetsFixed ? undefined : remove;
  // Those who may write to the library propose; the server decides on the department's rules.
  const mayPropose = me?.role === "EDITOR" || me?.role === "ADMIN" || me?.role === "REVIEWER";
  const onPropose = useCallback((row: IndicatorRow) => setProposing({ id: row.id, name: row.name }), []);

  if (error && !data) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />;
  if (fetching && !data) return <Spin />;
  if (!subject) return <Empty description={t("indicators.notFound")} />;

  // The subject's own warnings (ALL_EXACTLY_MET); an indicator's sit beside it in the table.
  const subjectWarnings = evaluation?.warnings.filter((w) => !w.indicator && w.month == null) ?? [];
  const weightSum = sumDecimals([...rows.map((r) => r.weight), subject.kind === "project" ? "10" : "0"]);
  const scoreSum = evaluation?.score ?? sumDecimals(rows.map((r) => r.score));
  const evaluationLink = evaluation ? `/evaluations/${evaluation.id}` : undefined;
  const empty = rows.length === 0;
  const provisional = !empty && !sameDecimal(weightSum, "100");
  const provisionalReason = t("indicators.provisionalReason", { sum: weightSum });

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            <span>{t("indicators.title")}</span>
            <Typography.Text type="secondary">{subject.title}</Typography.Text>
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={`/years/${subject.departmentYearID}`}>{t("indicators.backToYear")}</Link>
            <Space size={4}>
              <Link to={`/years/${subject.departmentYearID}/targets`} data-testid="targets-link">
                {t("targets.link")}
              </Link>
              <TargetStatusTag status={subject.targetsStatus} />
            </Space>
            {evaluationLink && <Link to={evaluationLink}>{t("indicators.openEvaluation")}</Link>}
            {evaluation && <WhatIfToggle checked={whatIf} onChange={setWhatIf} />}
            <ExportButton
              document={projectId ? ProjectIndicatorsDocument : YearIndicatorsDocument}
              variables={{ id }}
              filename={`${t("indicators.title")} ${subject.title}`}
            />
            {evaluation && <FormDownloadButton evaluationID={evaluation.id} />}
            {evaluation && !readOnly && <FormImportButton evaluationID={evaluation.id} onApplied={reload} />}
            <Button icon={<ReloadOutlined />} onClick={reload} loading={fetching}>
              {t("common.reload")}
            </Button>
            {!readOnly && !targetsFixed && !whatIf && (
              <Button icon={<BookOutlined />} onClick={() => setFromLibrary(true)} data-testid="from-library">
                {t("library.fromLibrary")}
              </Button>
            )}
            {!readOnly && !targetsFixed && !whatIf && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t("indicators.add")}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t("indicators.totalScore")}>
            {/* No indicators: no score (not 0.00); weights off 100: a provisional one, said so. */}
            <Space size={4} data-testid="total-score">
              <Statistic value={empty ? t("indicators.noScore") : scoreSum} valueStyle={{ fontSize: 20 }} />
              {provisional && <ProvisionalTag reason={provisionalReason} />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("indicators.grade")}>
            {evaluation && !empty ? (
              <Space size={4} data-testid="grade">
                <Tag color="blue">{t(`grade.${evaluation.grade}`)}</Tag>
                {provisional && <ProvisionalTag reason={provisionalReason} />}
              </Space>
            ) : (
              "—"
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("indicators.status")}>
            {evaluation ? <Tag>{t(`status.${evaluation.status}`)}</Tag> : t("indicators.noEvaluation")}
          </Descriptions.Item>
          <Descriptions.Item label={t("indicators.totalWeight")}>
            <Typography.Text type={sameDecimal(weightSum, "100") ? undefined : "warning"} data-testid="weight-sum">
              {weightSum}
            </Typography.Text>
            {subject.kind === "project" && (
              <Typography.Text type="secondary"> {t("indicators.withExecutionItem")}</Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
        {empty && <Alert type="info" showIcon data-testid="no-indicators" message={t("indicators.noIndicators")} />}
        {provisional && (
          <Alert type="warning" showIcon data-testid="provisional" message={provisionalReason} />
        )}
      </Card>

      {subjectWarnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="subject-warnings"
          message={t("warnings.count", { count: subjectWarnings.length })}
          description={<WarningsList warnings={subjectWarnings} />}
        />
      )}
      {(lockedMessage || lockedForMe) && (
        <Alert
          type="warning"
          showIcon
          message={t("indicators.lockedTitle")}
          description={lockedMessage ?? t(`indicators.lockedBy.${status}`, { defaultValue: t("indicators.lockedByStatus", { status: t(`status.${status}`) }) })}
        />
      )}
      {!lockedForMe && !lockedMessage && underReview && canEdit && (
        <Alert type="info" showIcon message={t("indicators.underReviewAdmin", { status: t(`status.${status}`) })} />
      )}
      {!canEdit && !underReview && <Alert type="info" showIcon message={t("indicators.readOnlyRole")} />}
      {targetsFixed && targetsStatus && (
        <Alert
          type="info"
          showIcon
          data-testid="targets-fixed"
          message={t(`targets.fixedTitle.${targetsStatus}`)}
          description={t(targetsStatus === "FILED" ? "targets.fixedTextFiled" : "targets.fixedText")}
          action={<Link to={`/years/${subject.departmentYearID}/targets`}>{t("targets.openTargets")}</Link>}
        />
      )}
      {forbidden && <Alert type="error" showIcon message={t("common.forbidden")} description={forbidden} />}
      {conflict && (
        <Alert
          type="error"
          showIcon
          message={t("common.conflict")}
          action={
            <Button size="small" onClick={reload}>
              {t("common.reload")}
            </Button>
          }
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setProblems([])}
          message={t("indicators.saveFailed")}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      {error && data && <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />}

      {whatIf && evaluation && <WhatIfMode evaluationID={evaluation.id} rows={rows} rules={rules} onLeave={() => setWhatIf(false)} />}
      {!readOnly && !whatIf && <Typography.Text type="secondary">{t("indicators.keyboardHint")}</Typography.Text>}
      {!(whatIf && evaluation) && <IndicatorTable
        handle={tableHandle}
        bands={rules?.bands}
        indicators={rows}
        subtotals={evaluation?.subtotals}
        readOnly={readOnly}
        targetsFixed={targetsFixed}
        store={store}
        onCommit={commit}
        onDelete={onDelete}
        onPropose={mayPropose ? onPropose : undefined}
        virtual={rows.length >= VIRTUAL_FROM}
        height={Math.max(360, window.innerHeight - 320)}
        highlight={focusID ?? undefined}
      />}
      <Typography.Text type="secondary">{t("indicators.count", { count: rows.length })}</Typography.Text>

      <LibraryDrawer
        open={fromLibrary}
        onClose={() => setFromLibrary(false)}
        departmentYearID={subject.departmentYearID}
        projectID={subject.projectID}
        onAdded={(count) => {
          setFromLibrary(false);
          void message.success(t("library.addedFromLibrary", { count }));
          refetch({ requestPolicy: "network-only" });
        }}
      />
      <ProposeIndicatorModal
        indicator={proposing}
        onClose={(done) => {
          setProposing(undefined);
          if (done) void message.success(done);
        }}
      />
      <AddIndicatorForm open={adding} groups={groups} onCancel={() => setAdding(false)} onCreate={create} bindable={!subject?.projectID} rules={rules} />
      <DeviationPrompt
        row={promptRow}
        thresholds={subjectNode && { below: subjectNode.rules.parameters.deviationBelow, atOrAbove: subjectNode.rules.parameters.deviationAtOrAbove }}
        onLater={() => setPrompt(undefined)}
        onSave={(reason) => {
          if (promptRow) commit(promptRow.id, "deviationReason", reason);
          setPrompt(undefined);
        }}
      />
    </Space>
  );
}
