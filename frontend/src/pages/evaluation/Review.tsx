import { useState } from "react";
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  message,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { TFunction } from "i18next";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { EvaluationReviewQuery } from "../../gql/graphql";
import { errorText, type FieldError, fieldErrors } from "../../api/errors";
import { plain } from "../../lib/format";
import { RectificationEvidenceButton, RectificationEvidencePanel } from "./RectificationEvidence";
import { ExpandColumnTitle } from "../../components/VisuallyHidden";

// The finance bureau's review of an evaluation: the reviewers' re-scores beside
// the self-scores, and the rectification items (整改) with their answers. What
// the caller may do is the server's answer (reviewViewerCan, viewerCan).

const EvaluationReviewDocument = graphql(`
  query EvaluationReview($id: ID!) {
    node(id: $id) {
      __typename
      ... on Evaluation {
        id
        status
        reviewViewerCan { rescore raiseRectification }
        indicators {
          id
          level1
          level2
          name
          weight
          score
          reviewScore { id score reason reviewerName updatedAt }
        }
        rectifications {
          id
          status
          issue
          requirement
          dueDate
          overdue
          measures
          outcome
          reviewComment
          raisedByName
          indicator { id name }
          attachmentCount
          viewerCan { answer decide }
          transitions { id from to comment measures outcome actorName at }
        }
      }
    }
  }
`);

const RescoreDocument = graphql(`
  mutation EvaluationReviewRescore($id: ID!, $score: Decimal!, $reason: String!) {
    rescoreIndicator(indicatorID: $id, score: $score, reason: $reason) { id score reviewScore { id score reason reviewerName updatedAt } }
  }
`);

const ClearRescoreDocument = graphql(`
  mutation EvaluationReviewClear($id: ID!) {
    clearRescore(indicatorID: $id) { id score reviewScore { id } }
  }
`);

const RaiseDocument = graphql(`
  mutation EvaluationReviewRaise($input: RaiseRectificationInput!) {
    raiseRectification(input: $input) { id status }
  }
`);

const AnswerDocument = graphql(`
  mutation EvaluationReviewAnswer($id: ID!, $measures: String!, $outcome: String) {
    answerRectification(id: $id, measures: $measures, outcome: $outcome) { id status measures outcome }
  }
`);

const AcceptDocument = graphql(`
  mutation EvaluationReviewAccept($id: ID!, $comment: String) {
    acceptRectification(id: $id, comment: $comment) { id status reviewComment }
  }
`);

const RejectDocument = graphql(`
  mutation EvaluationReviewReject($id: ID!, $comment: String!) {
    rejectRectification(id: $id, comment: $comment) { id status reviewComment }
  }
`);

type Evaluation = Extract<NonNullable<EvaluationReviewQuery["node"]>, { __typename: "Evaluation" }>;
type ReviewIndicator = Evaluation["indicators"][number];
type Item = Evaluation["rectifications"][number];

/** A review error's sentence: the statuses it names in the UI's words. */
export function reviewErrorText(t: TFunction, e: FieldError): string {
  if (e.params && (e.reason === "RECTIFICATION_STATUS" || e.reason === "NOT_UNDER_REVIEW" || e.reason === "NOT_REVIEWED")) {
    const name = (s: string | undefined) =>
      s == null ? "" : e.reason === "RECTIFICATION_STATUS" ? t(`review.rectStatus.${s}`, { defaultValue: s }) : t(`status.${s}`, { defaultValue: s });
    return errorText(t, { ...e, params: { ...e.params, status: name(e.params.status), expected: name(e.params.expected) } });
  }
  return errorText(t, e);
}

/** Splits a mutation's errors into the form's fields and the rest. */
function sortErrors(t: TFunction, errors: FieldError[], fields: string[]) {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const e of errors) {
    if (e.field && fields.includes(e.field)) byField[e.field] = reviewErrorText(t, e);
    else other.push(reviewErrorText(t, e));
  }
  return { byField, other };
}

/** The review of evaluation id: the re-scores card and the rectification items card. */
// A new item or a first re-score refreshes the lists even when they held none of its type yet.
const reviewContext = { additionalTypenames: ["Rectification", "ReviewScore"] };

export default function Review({ evaluationId }: { evaluationId: string }) {
  const [{ data }] = useQuery({ query: EvaluationReviewDocument, variables: { id: evaluationId }, context: reviewContext });
  const ev = data?.node?.__typename === "Evaluation" ? (data.node as Evaluation) : undefined;
  if (!ev) return null;
  return (
    <>
      <ReviewScores ev={ev} />
      <Rectifications ev={ev} />
    </>
  );
}

/** Each indicator's self-score with the reviewer's score beside it, and the reviewer's control. */
export function ReviewScores({ ev }: { ev: Evaluation }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ReviewIndicator>();
  const [, clear] = useMutation(ClearRescoreDocument);
  const [error, setError] = useState<string>();
  const can = ev.reviewViewerCan.rescore;
  if (!can && !ev.indicators.some((i) => i.reviewScore)) return null;

  const doClear = async (ind: ReviewIndicator) => {
    const r = await clear({ id: ind.id });
    if (r.error) setError(fieldErrors(r.error).map((e) => reviewErrorText(t, e)).join("；"));
    else void message.success(t("review.cleared"));
  };

  return (
    <Card title={t("review.scores")} data-testid="review-scores">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">{t("review.scoresHint")}</Typography.Text>
        {error && <Alert type="error" showIcon closable onClose={() => setError(undefined)} message={error} />}
        <Table<ReviewIndicator>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={ev.indicators}
          scroll={{ x: 1000 }}
          columns={[
            { title: t("review.level"), key: "level", render: (_, i) => `${i.level1} / ${i.level2}` },
            { title: t("review.indicator"), dataIndex: "name" },
            { title: t("review.weight"), dataIndex: "weight", align: "right", render: (v: string) => plain(v) },
            { title: t("review.selfScore"), dataIndex: "score", align: "right", render: (v: string) => plain(v) },
            {
              title: t("review.reviewScore"),
              key: "review",
              align: "right",
              render: (_, i) =>
                i.reviewScore ? (
                  <Typography.Text strong type={i.reviewScore.score !== i.score ? "danger" : undefined} data-testid={`review-score-${i.id}`}>
                    {plain(i.reviewScore.score)}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t("review.noReview")}</Typography.Text>
                ),
            },
            {
              title: t("review.reason"),
              key: "reason",
              render: (_, i) =>
                i.reviewScore && (
                  <span>
                    {i.reviewScore.reason}
                    <Typography.Text type="secondary"> · {i.reviewScore.reviewerName}</Typography.Text>
                  </span>
                ),
            },
            ...(can
              ? [
                  {
                    key: "actions",
                    render: (_: unknown, i: ReviewIndicator) => (
                      <Space size="small">
                        <Button size="small" onClick={() => setEditing(i)} aria-label={`${t("review.rescore")} ${i.name}`}>
                          {t("review.rescore")}
                        </Button>
                        {i.reviewScore && (
                          <Popconfirm title={t("review.clearConfirm")} okText={t("common.ok")} cancelText={t("common.cancel")} onConfirm={() => void doClear(i)}>
                            <Button size="small" type="link" danger>
                              {t("review.clear")}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Space>
      {editing && <RescoreDialog indicator={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}

/** The reviewer's score and reason for one indicator, the self-score beside them. */
export function RescoreDialog({ indicator, onClose }: { indicator: ReviewIndicator; onClose: () => void }) {
  const { t } = useTranslation();
  const [score, setScore] = useState<string | null>(indicator.reviewScore?.score ?? null);
  const [reason, setReason] = useState(indicator.reviewScore?.reason ?? "");
  const [errs, setErrs] = useState<{ byField: Record<string, string>; other: string[] }>({ byField: {}, other: [] });
  const [{ fetching }, rescore] = useMutation(RescoreDocument);
  const save = async () => {
    const r = await rescore({ id: indicator.id, score: score ?? "", reason });
    if (r.error) {
      setErrs(sortErrors(t, fieldErrors(r.error), ["score", "reason"]));
      return;
    }
    void message.success(t("review.saved"));
    onClose();
  };
  return (
    <Modal
      open
      title={t("review.rescoreTitle", { name: indicator.name })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: fetching, disabled: score == null || score === "" }}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Typography.Paragraph type="secondary">
          {t("review.rescoreHint", { weight: plain(indicator.weight), score: plain(indicator.score) })}
        </Typography.Paragraph>
        {errs.other.length > 0 && <Alert type="error" showIcon message={errs.other.join("；")} style={{ marginBottom: 12 }} />}
        <Form.Item label={t("review.reviewScore")} required htmlFor="rescore-score" validateStatus={errs.byField.score ? "error" : undefined} help={errs.byField.score}>
          <InputNumber<string> id="rescore-score" stringMode min="0" step="0.5" value={score} onChange={(v) => setScore(v)} style={{ width: 160 }} autoFocus />
        </Form.Item>
        <Form.Item label={t("review.reason")} required htmlFor="rescore-reason" validateStatus={errs.byField.reason ? "error" : undefined} help={errs.byField.reason}>
          <Input.TextArea id="rescore-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Dialog = { kind: "raise" } | { kind: "answer"; item: Item } | { kind: "accept"; item: Item } | { kind: "reject"; item: Item };

/** The rectification items: status and due date (overdue in red), the answer, and each step. */
export function Rectifications({ ev }: { ev: Evaluation }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>();
  const items = ev.rectifications;
  if (!ev.reviewViewerCan.raiseRectification && items.length === 0) return null;
  const statusColor = (s: string) => (s === "ACCEPTED" ? "green" : s === "ANSWERED" ? "blue" : "orange");
  return (
    <Card
      title={t("review.rectifications")}
      data-testid="rectifications"
      extra={
        ev.reviewViewerCan.raiseRectification && (
          <Button type="primary" onClick={() => setDialog({ kind: "raise" })}>
            {t("review.raise")}
          </Button>
        )
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("review.noRectifications")} />
      ) : (
        <Table<Item>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (item) => <Steps item={item} />, columnTitle: <ExpandColumnTitle /> }}
          columns={[
            {
              title: t("review.issue"),
              key: "issue",
              fixed: "left",
              width: 200,
              render: (_, x) => (
                <span>
                  {x.issue}
                  {x.indicator && <Typography.Text type="secondary">（{x.indicator.name}）</Typography.Text>}
                </span>
              ),
            },
            { title: t("review.requirement"), dataIndex: "requirement" },
            {
              title: t("review.dueDate"),
              key: "due",
              render: (_, x) =>
                x.overdue ? (
                  <Space size={4} data-testid={`overdue-${x.id}`}>
                    <Typography.Text type="danger">{x.dueDate}</Typography.Text>
                    <Tag color="red">{t("review.overdue")}</Tag>
                  </Space>
                ) : (
                  x.dueDate
                ),
            },
            {
              title: t("review.status"),
              key: "status",
              render: (_, x) => (
                <Tag color={statusColor(x.status)} data-testid={`rect-status-${x.id}`}>
                  {t(`review.rectStatus.${x.status}`)}
                </Tag>
              ),
            },
            {
              title: t("review.measures"),
              key: "answer",
              render: (_, x) =>
                x.measures && (
                  <span>
                    {x.measures}
                    {x.outcome && <Typography.Text type="secondary">；{x.outcome}</Typography.Text>}
                  </span>
                ),
            },
            { title: t("evidence.column"), key: "evidence", render: (_, x) => <RectificationEvidenceButton item={x} /> },
            {
              key: "actions",
              render: (_, x) => (
                <Space size="small">
                  {x.viewerCan.answer && (
                    <Button size="small" type="primary" onClick={() => setDialog({ kind: "answer", item: x })}>
                      {t("review.answer")}
                    </Button>
                  )}
                  {x.viewerCan.decide && (
                    <>
                      <Button size="small" type="primary" onClick={() => setDialog({ kind: "accept", item: x })}>
                        {t("review.accept")}
                      </Button>
                      <Button size="small" danger onClick={() => setDialog({ kind: "reject", item: x })}>
                        {t("review.reject")}
                      </Button>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {dialog?.kind === "raise" && <RaiseDialog ev={ev} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === "answer" && <AnswerDialog item={dialog.item} onClose={() => setDialog(undefined)} />}
      {(dialog?.kind === "accept" || dialog?.kind === "reject") && (
        <DecideDialog item={dialog.item} accept={dialog.kind === "accept"} onClose={() => setDialog(undefined)} />
      )}
    </Card>
  );
}

/** An item's steps, oldest first. */
function Steps({ item }: { item: Item }) {
  const { t } = useTranslation();
  const steps = item.transitions ?? [];
  return (
    <Timeline
      items={steps.map((s) => ({
        key: s.id,
        color: s.to === "ACCEPTED" ? "green" : s.from === "ANSWERED" && s.to === "OPEN" ? "red" : "blue",
        children: (
          <div data-testid="rect-step">
            <strong>{t(`review.rectStatus.${s.to}`)}</strong>
            <Typography.Text type="secondary">
              {" "}
              · {s.actorName} · {dayjs(s.at).format("YYYY-MM-DD HH:mm")}
            </Typography.Text>
            {s.measures && <div>{t("review.measures")}：{s.measures}{s.outcome && `；${t("review.outcome")}：${s.outcome}`}</div>}
            {s.comment && <div>“{s.comment}”</div>}
          </div>
        ),
      }))}
    />
  );
}

function RaiseDialog({ ev, onClose }: { ev: Evaluation; onClose: () => void }) {
  const { t } = useTranslation();
  const [indicatorID, setIndicatorID] = useState<string>();
  const [issue, setIssue] = useState("");
  const [requirement, setRequirement] = useState("");
  const [due, setDue] = useState<Dayjs | null>(null);
  const [errs, setErrs] = useState<{ byField: Record<string, string>; other: string[] }>({ byField: {}, other: [] });
  const [{ fetching }, raise] = useMutation(RaiseDocument);
  const save = async () => {
    const r = await raise({
      input: { evaluationID: ev.id, indicatorID: indicatorID ?? null, issue, requirement, dueDate: due ? due.format("YYYY-MM-DD") : "" },
    });
    if (r.error) {
      setErrs(sortErrors(t, fieldErrors(r.error), ["issue", "requirement", "dueDate", "indicatorID"]));
      return;
    }
    void message.success(t("review.done.raise"));
    onClose();
  };
  const err = (f: string) => ({ validateStatus: errs.byField[f] ? ("error" as const) : undefined, help: errs.byField[f] });
  return (
    <Modal
      open
      title={t("review.raiseTitle")}
      okText={t("review.raise")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: fetching, disabled: !issue.trim() || !requirement.trim() || !due }}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        {errs.other.length > 0 && <Alert type="error" showIcon message={errs.other.join("；")} style={{ marginBottom: 12 }} />}
        <Form.Item label={t("review.onIndicator")} htmlFor="raise-indicator" {...err("indicatorID")}>
          <Select
            id="raise-indicator"
            allowClear
            showSearch
            optionFilterProp="label"
            value={indicatorID}
            onChange={(v) => setIndicatorID(v)}
            options={ev.indicators.map((i) => ({ value: i.id, label: i.name }))}
          />
        </Form.Item>
        <Form.Item label={t("review.issue")} required htmlFor="raise-issue" {...err("issue")}>
          <Input.TextArea id="raise-issue" rows={3} value={issue} onChange={(e) => setIssue(e.target.value)} />
        </Form.Item>
        <Form.Item label={t("review.requirement")} required htmlFor="raise-requirement" {...err("requirement")}>
          <Input.TextArea id="raise-requirement" rows={3} value={requirement} onChange={(e) => setRequirement(e.target.value)} />
        </Form.Item>
        <Form.Item label={t("review.dueDate")} required htmlFor="raise-due" {...err("dueDate")}>
          <DatePicker id="raise-due" value={due} onChange={(d) => setDue(d)} format="YYYY-MM-DD" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnswerDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const { t } = useTranslation();
  const [measures, setMeasures] = useState(item.measures);
  const [outcome, setOutcome] = useState(item.outcome);
  const [errs, setErrs] = useState<{ byField: Record<string, string>; other: string[] }>({ byField: {}, other: [] });
  const [{ fetching }, answer] = useMutation(AnswerDocument);
  const save = async () => {
    const r = await answer({ id: item.id, measures, outcome });
    if (r.error) {
      setErrs(sortErrors(t, fieldErrors(r.error), ["measures", "outcome"]));
      return;
    }
    void message.success(t("review.done.answer"));
    onClose();
  };
  const err = (f: string) => ({ validateStatus: errs.byField[f] ? ("error" as const) : undefined, help: errs.byField[f] });
  return (
    <Modal
      open
      title={t("review.answerTitle")}
      okText={t("review.answer")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: fetching, disabled: !measures.trim() }}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Typography.Paragraph>
          <strong>{t("review.issue")}：</strong>
          {item.issue}
          <br />
          <strong>{t("review.requirement")}：</strong>
          {item.requirement}
        </Typography.Paragraph>
        {item.reviewComment && item.status === "OPEN" && <Alert type="warning" showIcon message={item.reviewComment} style={{ marginBottom: 12 }} />}
        {errs.other.length > 0 && <Alert type="error" showIcon message={errs.other.join("；")} style={{ marginBottom: 12 }} />}
        <Form.Item label={t("review.measures")} required htmlFor="answer-measures" {...err("measures")}>
          <Input.TextArea id="answer-measures" rows={3} value={measures} onChange={(e) => setMeasures(e.target.value)} autoFocus />
        </Form.Item>
        <Form.Item label={t("review.outcome")} htmlFor="answer-outcome" {...err("outcome")}>
          <Input.TextArea id="answer-outcome" rows={3} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
        </Form.Item>
        <RectificationEvidencePanel item={item} />
      </Form>
    </Modal>
  );
}

function DecideDialog({ item, accept, onClose }: { item: Item; accept: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string>();
  const [{ fetching: accepting }, doAccept] = useMutation(AcceptDocument);
  const [{ fetching: rejecting }, doReject] = useMutation(RejectDocument);
  const save = async () => {
    const r = accept ? await doAccept({ id: item.id, comment: comment.trim() || null }) : await doReject({ id: item.id, comment });
    if (r.error) {
      setError(fieldErrors(r.error).map((e) => reviewErrorText(t, e)).join("；"));
      return;
    }
    void message.success(t(accept ? "review.done.accept" : "review.done.reject"));
    onClose();
  };
  return (
    <Modal
      open
      title={t(accept ? "review.acceptTitle" : "review.rejectTitle")}
      okText={t(accept ? "review.accept" : "review.reject")}
      cancelText={t("common.cancel")}
      okButtonProps={{ danger: !accept, loading: accepting || rejecting, disabled: !accept && !comment.trim() }}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Typography.Paragraph>
          <strong>{t("review.measures")}：</strong>
          {item.measures}
          {item.outcome && (
            <>
              <br />
              <strong>{t("review.outcome")}：</strong>
              {item.outcome}
            </>
          )}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form.Item label={t(accept ? "review.commentOptional" : "review.comment")} required={!accept} htmlFor="decide-comment">
          <Input.TextArea id="decide-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
