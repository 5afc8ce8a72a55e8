import { lazy, Suspense, useCallback, useMemo, useRef, useState } from "react";
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Space,
  Spin,
  Statistic,
  Tag,
  Tooltip,
  Typography,
  message,
} from "antd";
import { CheckCircleOutlined, FileTextOutlined, TableOutlined } from "@ant-design/icons";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { EvaluationPageQuery } from "../gql/graphql";
import { errorsText, errorText, type FieldError, fieldErrors, reasonText } from "../api/errors";
import { percent, plain } from "../lib/format";
import History from "./evaluation/History";
import ProblemsList from "./evaluation/ProblemsList";
import SubtotalsTable from "./evaluation/SubtotalsTable";
import { problemsFromChecks, problemsFromErrors, type ProblemRow } from "./evaluation/problems";
import { breakdownRows } from "./evaluation/subtotals";
import { FormDownloadButton, FormImportButton } from "./evaluation/FormImport";
import NextGradePanel from "./evaluation/NextGradePanel";
import { WarningsList } from "../components/Warnings";
import { TotalExplanation } from "../components/Explanation";
import Review from "./evaluation/Review";
import { useChangedElsewhere } from "../notify/useChangedElsewhere";

// The chart's module (and with it ECharts) loads only when the chart is shown.
const SubtotalsChart = lazy(() => import("./evaluation/SubtotalsChart"));

graphql(`
  fragment EvaluationPageFields on Evaluation {
    id
    status
    version
    conclusion
    problems
    improvements
    executionExplanation
    reviewComment
    submittedAt
    score
    grade
    gradeLabel
    reviewTotal
    reviewGrade
    executionRate
    executionScore
    monthsBehind
    subtotals { level1 level2 score weight }
    submitProblems { indicatorID indicatorName field reason params }
    warnings { ...WarningFields }
    viewerCan { edit submit approve return publish }
    locked
    lockReason { evaluationID status }
    transitions { id from to comment actorName at }
    indicators { id name }
    departmentYear { id year department { id name } months { id } }
    project { id name }
    rules {
      frozen
      ruleSet { id name year version latest region { name } }
      parameters { executionWeight executionExplanationBelow }
    }
  }
`);

const EvaluationPageDocument = graphql(`
  query EvaluationPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Evaluation { ...EvaluationPageFields }
    }
  }
`);

const UpdateEvaluationDocument = graphql(`
  mutation EvaluationPageUpdate($id: ID!, $input: UpdateEvaluationInput!, $version: Int) {
    updateEvaluation(id: $id, input: $input, version: $version) { ...EvaluationPageFields }
  }
`);

const SubmitEvaluationDocument = graphql(`
  mutation EvaluationPageSubmit($id: ID!) {
    submitEvaluation(id: $id) { ...EvaluationPageFields }
  }
`);

const ApproveEvaluationDocument = graphql(`
  mutation EvaluationPageApprove($id: ID!, $comment: String) {
    approveEvaluation(id: $id, comment: $comment) { ...EvaluationPageFields }
  }
`);

const ReturnEvaluationDocument = graphql(`
  mutation EvaluationPageReturn($id: ID!, $comment: String!) {
    returnEvaluation(id: $id, comment: $comment) { ...EvaluationPageFields }
  }
`);

const PublishEvaluationDocument = graphql(`
  mutation EvaluationPagePublish($id: ID!) {
    publishEvaluation(id: $id) { ...EvaluationPageFields }
  }
`);

type Evaluation = Extract<NonNullable<EvaluationPageQuery["node"]>, { __typename: "Evaluation" }>;
type TextField = "conclusion" | "problems" | "improvements" | "executionExplanation";
const TEXT_FIELDS: TextField[] = ["conclusion", "problems", "improvements", "executionExplanation"];

interface Drafts {
  values: Partial<Record<TextField, string>>;
  /** The version the first unsaved change was made on: saving names it, so a later save by someone else is a conflict. */
  version?: number;
}

/** One evaluation: its score, grade and breakdown, its texts, the review workflow and its history. */
export default function EvaluationPage() {
  const { evaluationId = "" } = useParams();
  // Another evaluation starts with fresh state (drafts, banners, problems).
  return <EvaluationView key={evaluationId} evaluationId={evaluationId} />;
}

function EvaluationView({ evaluationId }: { evaluationId: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: EvaluationPageDocument, variables: { id: evaluationId } });
  const [, update] = useMutation(UpdateEvaluationDocument);
  const [, submit] = useMutation(SubmitEvaluationDocument);
  const [, approve] = useMutation(ApproveEvaluationDocument);
  const [, giveBack] = useMutation(ReturnEvaluationDocument);
  const [, publish] = useMutation(PublishEvaluationDocument);

  const [drafts, setDrafts] = useState<Drafts>({ values: {} });
  const [fieldErrs, setFieldErrs] = useState<Partial<Record<TextField, string>>>({});
  const [topErrors, setTopErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [lockedMessage, setLockedMessage] = useState<string>();
  const [submitErrors, setSubmitErrors] = useState<ProblemRow[]>();
  const [busy, setBusy] = useState<string>();
  const [review, setReview] = useState<"approve" | "return">();
  const [comment, setComment] = useState("");
  const fieldRefs = useRef<Partial<Record<TextField, HTMLTextAreaElement | null>>>({});

  const ev = data?.node?.__typename === "Evaluation" ? (data.node as Evaluation) : undefined;
  const rows = useMemo(() => breakdownRows(ev?.subtotals ?? []), [ev?.subtotals]);
  const checks = useMemo(() => problemsFromChecks(ev?.submitProblems ?? []), [ev?.submitProblems]);

  /** Sorts a mutation's errors: conflict, lock, a field of the form, or the top of the page. */
  const handle = useCallback((errors: FieldError[]) => {
    const top: string[] = [];
    const byField: Partial<Record<TextField, string>> = {};
    for (const e of errors) {
      if (e.code === "CONFLICT" && e.field === "version") setConflict(true);
      else if (e.code === "LOCKED") setLockedMessage(errorText(t, e));
      else if (e.field && (TEXT_FIELDS as string[]).includes(e.field)) byField[e.field as TextField] = errorText(t, e);
      else top.push(errorText(t, e));
    }
    setFieldErrs(byField);
    setTopErrors(top);
  }, [t]);

  // Someone else's change of the evaluation or its year: read it again (what the user is typing stays).
  const fresh = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  useChangedElsewhere("evaluation", evaluationId, fresh);

  const reload = useCallback(() => {
    setDrafts({ values: {} });
    setConflict(false);
    setFieldErrs({});
    setTopErrors([]);
    setLockedMessage(undefined);
    refetch({ requestPolicy: "network-only" });
  }, [refetch]);

  if (error && !data) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />;
  if (fetching && !data) return <Spin />;
  if (!ev) return <Empty description={t("evaluation.notFound")} />;

  const status = ev.status;
  // What the caller may do is the server's answer (viewerCan, locked): no rule is restated here.
  const can = ev.viewerCan;
  const lockedForMe = ev.locked && !can.edit;
  const readOnly = !can.edit || !!lockedMessage;
  const value = (f: TextField) => drafts.values[f] ?? ev[f];
  const dirty = TEXT_FIELDS.some((f) => drafts.values[f] !== undefined && drafts.values[f] !== ev[f]);
  const editorPath = ev.project ? `/projects/${ev.project.id}/indicators` : `/years/${ev.departmentYear.id}/indicators`;
  const subject = ev.project
    ? t("evaluation.projectSubject", { name: ev.project.name, department: ev.departmentYear.department.name, year: ev.departmentYear.year })
    : t("evaluation.yearSubject", { department: ev.departmentYear.department.name, year: ev.departmentYear.year });
  const showExplanation = !!ev.project || !!ev.executionExplanation || checks.some((c) => c.field === "executionExplanation");

  const setText = (f: TextField, v: string) =>
    setDrafts((d) => ({ values: { ...d.values, [f]: v }, version: d.version ?? ev.version }));

  const save = async (): Promise<boolean> => {
    const input: Partial<Record<TextField, string>> = {};
    for (const f of TEXT_FIELDS) if (drafts.values[f] !== undefined && drafts.values[f] !== ev[f]) input[f] = drafts.values[f];
    if (Object.keys(input).length === 0) return true;
    setBusy("save");
    const r = await update({ id: ev.id, input, version: drafts.version ?? ev.version });
    setBusy(undefined);
    if (r.error) {
      handle(fieldErrors(r.error));
      return false;
    }
    setDrafts({ values: {} });
    setFieldErrs({});
    setTopErrors([]);
    void message.success(t("common.saved"));
    return true;
  };

  const doSubmit = async () => {
    if (dirty && !(await save())) return;
    setBusy("submit");
    const r = await submit({ id: ev.id });
    setBusy(undefined);
    if (r.error) {
      const errors = fieldErrors(r.error);
      const problems = problemsFromErrors(errors);
      if (problems.length) {
        setSubmitErrors(problems);
        const byField: Partial<Record<TextField, string>> = {};
        for (const p of problems) if (!p.indicatorID && (TEXT_FIELDS as string[]).includes(p.field)) byField[p.field as TextField] = reasonText(t, p.reason, p.params, p.field);
        setFieldErrs(byField);
        setTopErrors([]);
      } else handle(errors);
      return;
    }
    setSubmitErrors(undefined);
    void message.success(t("evaluation.submitted"));
  };

  const step = async (what: "approve" | "return" | "publish") => {
    setBusy(what);
    const r =
      what === "approve"
        ? await approve({ id: ev.id, comment: comment.trim() || undefined })
        : what === "return"
          ? await giveBack({ id: ev.id, comment: comment.trim() })
          : await publish({ id: ev.id });
    setBusy(undefined);
    if (r.error) {
      handle(fieldErrors(r.error));
      return;
    }
    setReview(undefined);
    setComment("");
    void message.success(t(`evaluation.done.${what}`));
  };

  const focusField = (f: string) => {
    const el = fieldRefs.current[f as TextField];
    el?.scrollIntoView({ block: "center" });
    el?.focus();
  };

  const canSubmit = can.submit;
  // States that tell the truth: no indicators is no score; weights that do not add up to 100
  // (the server's WEIGHTS_NOT_100 check) make the score provisional; listed problems block submitting.
  const empty = ev.indicators.length === 0;
  const weightsOff = checks.find((c) => c.reason === "WEIGHTS_NOT_100");
  const provisional = !empty && weightsOff ? t("evaluation.provisionalReason", { reason: reasonText(t, weightsOff.reason, weightsOff.params, weightsOff.field) }) : undefined;
  const blocked = checks.length > 0 ? t("evaluation.submitBlocked", { count: checks.length }) : undefined;
  const canReview = can.approve || can.return;
  const canPublish = can.publish;

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            <span>{t("evaluation.title")}</span>
            <Typography.Text type="secondary">{subject}</Typography.Text>
            <Tag color={status === "RETURNED" ? "red" : status === "PUBLISHED" ? "green" : "blue"} data-testid="status">
              {t(`status.${status}`)}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={editorPath}>
              <TableOutlined /> {t("evaluation.openIndicators")}
            </Link>
            <Link to={`/evaluations/${ev.id}/report`}>
              <FileTextOutlined /> {t("evaluation.openReport")}
            </Link>
            <Link to={`/years/${ev.departmentYear.id}`}>{t("evaluation.openYear")}</Link>
            <FormDownloadButton evaluationID={ev.id} />
            {can.edit && !readOnly && <FormImportButton evaluationID={ev.id} onApplied={reload} />}
          </Space>
        }
      >
        <Row gutter={[24, 16]}>
          <Col xs={12} md={6} data-testid="evaluation-score">
            <Statistic
              title={t("evaluation.score")}
              value={empty ? "—" : ev.score}
              valueStyle={{ fontSize: 40, fontWeight: 600 }}
              suffix={provisional && <ProvisionalTag reason={provisional} />}
            />
            {!empty && <TotalExplanation evaluationId={ev.id} />}
          </Col>
          <Col xs={12} md={6} data-testid="evaluation-grade">
            <Statistic
              title={t("evaluation.grade")}
              value={empty ? "—" : t(`grade.${ev.grade}`)}
              valueStyle={{ fontSize: 40, fontWeight: 600, color: empty ? undefined : ev.grade === "POOR" ? "#cf1322" : "#389e0d" }}
              suffix={provisional && <ProvisionalTag reason={provisional} />}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("evaluation.executionRate")} value={ev.executionRate == null ? "—" : percent(ev.executionRate)} />
          </Col>
          {ev.executionScore != null ? (
            <Col xs={12} md={6}>
              <Statistic title={t("evaluation.executionScore")} value={ev.executionScore} suffix={`/ ${plain(ev.rules.parameters.executionWeight)}`} />
            </Col>
          ) : (
            <Col xs={12} md={6}>
              <Statistic
                title={t("evaluation.monthsBehind")}
                value={
                  ev.monthsBehind.length
                    ? ev.monthsBehind.map((m) => t("evaluation.month", { month: m })).join(t("evaluation.listSeparator"))
                    : ev.departmentYear.months.length === 0
                      ? t("evaluation.noMonths")
                      : t("evaluation.none")
                }
                valueStyle={{ fontSize: 16 }}
              />
            </Col>
          )}
        </Row>
        {ev.reviewTotal != null && (
          <Row gutter={[24, 16]} style={{ marginTop: 16 }} data-testid="review-total">
            <Col xs={12} md={6}>
              <Tooltip title={t("review.reviewTotalHint")}>
                <Statistic title={t("review.reviewTotal")} value={ev.reviewTotal} valueStyle={{ fontSize: 28, fontWeight: 600 }} />
              </Tooltip>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t("review.reviewGrade")} value={ev.reviewGrade ? t(`grade.${ev.reviewGrade}`) : "—"} valueStyle={{ fontSize: 28 }} />
            </Col>
          </Row>
        )}
        {empty && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            data-testid="no-indicators"
            message={t("evaluation.noIndicators")}
            action={<Link to={editorPath}>{t("evaluation.addIndicators")}</Link>}
          />
        )}
        {provisional && <Alert type="warning" showIcon style={{ marginTop: 16 }} data-testid="provisional" message={provisional} />}
        <RulesLine rules={ev.rules} />
      </Card>

      {status === "RETURNED" && ev.reviewComment && (
        <Alert type="error" showIcon message={t("evaluation.returnedTitle")} description={ev.reviewComment} data-testid="review-comment" />
      )}
      {status !== "RETURNED" && ev.reviewComment && (
        <Alert type="info" showIcon message={t("evaluation.reviewComment")} description={ev.reviewComment} />
      )}
      {(lockedForMe || lockedMessage) && (
        <Alert
          type="warning"
          showIcon
          message={t("evaluation.lockedTitle")}
          description={
            lockedMessage ??
            t(`evaluation.lockedBy.${ev.lockReason?.status ?? status}`, {
              defaultValue: t("evaluation.lockedByStatus", { status: t(`status.${ev.lockReason?.status ?? status}`) }),
            })
          }
        />
      )}
      {conflict && (
        <Alert
          type="error"
          showIcon
          message={t("common.conflict")}
          description={t("evaluation.conflictHint")}
          action={
            <Button size="small" onClick={reload}>
              {t("common.reload")}
            </Button>
          }
        />
      )}
      {topErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setTopErrors([])}
          message={t("common.error")}
          description={topErrors.join("；")}
        />
      )}

      <Card title={t("evaluation.workflow")}>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Space wrap>
            {canSubmit &&
              (blocked ? (
                // Disabled while the checks list problems, the reason beside it and on hover.
                <>
                  <Tooltip title={blocked}>
                    {/* (The tooltip names its own description on its child: the button keeps the visible reason.) */}
                    <span style={{ display: "inline-block" }}>
                      <Button type="primary" disabled aria-describedby="submit-blocked" data-testid="submit">
                        {t("evaluation.submit")}
                      </Button>
                    </span>
                  </Tooltip>
                  <Typography.Text type="secondary" id="submit-blocked" data-testid="submit-blocked">
                    {blocked}
                  </Typography.Text>
                </>
              ) : (
                <Popconfirm okText={t("common.ok")} cancelText={t("common.cancel")} title={t("evaluation.submitConfirm")} onConfirm={() => void doSubmit()}>
                  <Button type="primary" loading={busy === "submit"} disabled={lockedForMe} data-testid="submit">
                    {t("evaluation.submit")}
                  </Button>
                </Popconfirm>
              ))}
            {can.approve && (
              <Button type="primary" onClick={() => setReview("approve")}>
                {t("evaluation.approve")}
              </Button>
            )}
            {can.return && (
              <Button danger onClick={() => setReview("return")}>
                {t("evaluation.return")}
              </Button>
            )}
            {canPublish && (
              <Popconfirm okText={t("common.ok")} cancelText={t("common.cancel")} title={t("evaluation.publishConfirm")} onConfirm={() => void step("publish")}>
                <Button type="primary" loading={busy === "publish"}>
                  {t("evaluation.publish")}
                </Button>
              </Popconfirm>
            )}
            {!canSubmit && !canReview && !canPublish && (
              <Typography.Text type="secondary">{t(`evaluation.next.${status}`)}</Typography.Text>
            )}
          </Space>
          {submitErrors && submitErrors.length > 0 ? (
            <Alert
              type="error"
              showIcon
              message={t("evaluation.submitRefused", { count: submitErrors.length })}
              description={<ProblemsList rows={submitErrors} editorPath={editorPath} yearPath={`/years/${ev.departmentYear.id}`} onField={focusField} />}
            />
          ) : (
            canSubmit &&
            (checks.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                message={t("evaluation.checklist", { count: checks.length })}
                description={<ProblemsList rows={checks} editorPath={editorPath} yearPath={`/years/${ev.departmentYear.id}`} onField={focusField} />}
              />
            ) : (
              <Alert type="success" showIcon icon={<CheckCircleOutlined />} message={t("evaluation.ready")} />
            ))
          )}
          {/* Warnings never block: the submit button above submits all the same. */}
          {ev.warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="evaluation-warnings"
              message={t("warnings.submitTitle", { count: ev.warnings.length })}
              description={
                <>
                  <Typography.Text type="secondary">{t("warnings.nonBlocking")}</Typography.Text>
                  <WarningsList warnings={ev.warnings} />
                </>
              }
            />
          )}
        </Space>
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t("evaluation.breakdown")}>
            {rows.length ? (
              <Suspense fallback={<Spin />}>
                <SubtotalsChart rows={rows} />
              </Suspense>
            ) : (
              <Empty description={t("common.empty")} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t("evaluation.breakdownTable")}>
            <SubtotalsTable rows={rows} />
          </Card>
        </Col>
      </Row>

      <NextGradePanel evaluationID={ev.id} editorPath={editorPath} />

      <Card
        title={t("evaluation.texts")}
        extra={
          !readOnly && (
            <Space>
              {dirty && <Typography.Text type="warning">{t("evaluation.unsaved")}</Typography.Text>}
              <Button type="primary" onClick={() => void save()} loading={busy === "save"} disabled={!dirty}>
                {t("common.save")}
              </Button>
            </Space>
          )
        }
      >
        <Form layout="vertical">
          {TEXT_FIELDS.filter((f) => f !== "executionExplanation" || showExplanation).map((f) => (
            <Form.Item
              key={f}
              label={t(`evaluation.field.${f}`)}
              validateStatus={fieldErrs[f] ? "error" : undefined}
              help={fieldErrs[f]}
              htmlFor={`evaluation-${f}`}
            >
              <Input.TextArea
                id={`evaluation-${f}`}
                ref={(el) => {
                  fieldRefs.current[f] = el?.resizableTextArea?.textArea ?? null;
                }}
                value={value(f)}
                readOnly={readOnly}
                autoSize={{ minRows: 3, maxRows: 12 }}
                onChange={(e) => setText(f, e.target.value)}
                placeholder={readOnly ? undefined : t(`evaluation.placeholder.${f}`, { threshold: plain(ev.rules.parameters.executionExplanationBelow) })}
              />
            </Form.Item>
          ))}
        </Form>
      </Card>

      <Review evaluationId={ev.id} />

      <Card title={t("evaluation.history")}>
        <History transitions={ev.transitions ?? []} />
      </Card>

      <Modal
        open={!!review}
        title={t(review === "return" ? "evaluation.returnTitle" : "evaluation.approveTitle")}
        okText={t(review === "return" ? "evaluation.return" : "evaluation.approve")}
        okButtonProps={{ danger: review === "return", disabled: review === "return" && !comment.trim(), loading: busy === review }}
        cancelText={t("common.cancel")}
        onOk={() => review && void step(review)}
        onCancel={() => setReview(undefined)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item
            label={t(review === "return" ? "evaluation.returnComment" : "evaluation.approveComment")}
            required={review === "return"}
            htmlFor="review-comment"
          >
            <Input.TextArea id="review-comment" rows={4} value={comment} onChange={(e) => setComment(e.target.value)} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** Marks a total or grade that does not count yet, its reason on hover and to screen readers. */
function ProvisionalTag({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={reason}>
      <Tag color="orange" aria-label={`${t("evaluation.provisional")}：${reason}`} tabIndex={0} data-testid="provisional-tag" style={{ fontSize: 14, verticalAlign: "middle", marginInlineStart: 8 }}>
        {t("evaluation.provisional")}
      </Tag>
    </Tooltip>
  );
}

/** Which rules score the evaluation: its year's rule set and version, or the built-in rules; kept since submission or not. */
function RulesLine({ rules }: { rules: Evaluation["rules"] }) {
  const { t } = useTranslation();
  const set = rules.ruleSet;
  return (
    <Space wrap style={{ marginTop: 16 }} data-testid="rules">
      <Typography.Text type="secondary">{t("evaluation.rules")}：</Typography.Text>
      <Typography.Text>
        {set ? t("evaluation.rulesSet", { name: set.name, year: set.year, version: set.version }) : t("evaluation.rulesBuiltIn")}
      </Typography.Text>
      {rules.frozen && (
        <Tooltip title={t("evaluation.rulesFrozenHint")}>
          <Tag color="blue">{t("evaluation.rulesFrozen")}</Tag>
        </Tooltip>
      )}
      {set && !set.latest && <Tag color="orange">{t("evaluation.rulesNewer")}</Tag>}
    </Space>
  );
}
