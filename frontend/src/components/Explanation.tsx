import { useState, type ReactNode } from "react";
import { Alert, Divider, Popover, Spin, Typography } from "antd";
import { CalculatorOutlined } from "@ant-design/icons";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { explanationLines, rulesText, type ExplanationLike } from "../lib/explain";
import "./Explanation.css";

/** What an explanation shows: its rules, its steps, its value or answer. */
export const ExplanationFieldsFragmentDoc = graphql(`
  fragment ExplanationFields on Explanation {
    value
    holds
    rules { frozen ruleSet { id name version } }
    steps { code params value }
  }
`);

const IndicatorExplanationDocument = graphql(`
  query IndicatorExplanation($id: ID!) {
    node(id: $id) {
      __typename
      ... on Indicator {
        id
        name
        unit
        explanation { ...ExplanationFields }
        deviationExplanation { ...ExplanationFields }
      }
    }
  }
`);

const EvaluationExplanationDocument = graphql(`
  query EvaluationExplanation($id: ID!) {
    node(id: $id) {
      __typename
      ... on Evaluation {
        id
        explanation { ...ExplanationFields }
      }
    }
  }
`);

/** An explanation drawn: the rules that computed it, then one line per step, the rule above its formula. */
export function ExplanationView({ explanation, unit }: { explanation: ExplanationLike; unit?: string | null }) {
  const { t } = useTranslation();
  const lines = explanationLines(t, explanation, unit);
  const rules = rulesText(t, explanation.rules);
  return (
    <div className="explain" data-testid="explanation">
      {rules && (
        <Typography.Text type="secondary" className="explain-rules">
          {rules}
        </Typography.Text>
      )}
      <ol className="explain-lines">
        {lines.map((l, i) => (
          <li key={i} data-code={l.code}>
            <div className="explain-rule">{l.rule}</div>
            {l.formula && <code className="explain-formula">{l.formula}</code>}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The indicator's explanations, loaded when shown: its score's and, when the rule concerns it, its deviation's. */
function IndicatorExplanationContent({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: IndicatorExplanationDocument, variables: { id }, requestPolicy: "network-only" });
  if (error) return <Alert type="error" showIcon message={t("explain.loadFailed", { message: error.message })} />;
  const node = data?.node;
  if (fetching || node?.__typename !== "Indicator") return <Spin size="small" />;
  return (
    <>
      <ExplanationView explanation={node.explanation} unit={node.unit} />
      {node.deviationExplanation && (
        <>
          <Divider plain orientation="left" className="explain-divider">
            {t("explain.deviation")}
          </Divider>
          <ExplanationView explanation={{ ...node.deviationExplanation, rules: null }} unit={node.unit} />
        </>
      )}
    </>
  );
}

function EvaluationExplanationContent({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: EvaluationExplanationDocument, variables: { id }, requestPolicy: "network-only" });
  if (error) return <Alert type="error" showIcon message={t("explain.loadFailed", { message: error.message })} />;
  const node = data?.node;
  if (fetching || node?.__typename !== "Evaluation") return <Spin size="small" />;
  return <ExplanationView explanation={node.explanation} />;
}

/** A popover of an explanation, its content mounted (and so loaded) only while open. */
function ExplanationPopover({
  label,
  content,
  className = "explain-trigger",
  children,
}: {
  label: string;
  content: () => ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="leftTop"
      title={t("explain.title")}
      content={open ? <div className="explain-popover">{content()}</div> : null}
      destroyOnHidden
    >
      {/* A plain button: the value stays what the cell shows, and opens its derivation. Its name is the
          visible text followed by what it does (not an aria-label that would hide the visible text). */}
      <button type="button" className={className} title={t("explain.show")} aria-expanded={open}>
        {children}
        <span className="explain-sr"> {label}</span>
      </button>
    </Popover>
  );
}

/** An indicator's score that opens how it was computed (计算过程). */
export function ScoreExplanation({ indicatorId, name, children }: { indicatorId: string; name: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ExplanationPopover label={t("explain.showScore", { name })} content={() => <IndicatorExplanationContent id={indicatorId} />}>
      {children}
    </ExplanationPopover>
  );
}

/** A button that opens how an evaluation's total was computed: the subtotals, the total, the grade. */
export function TotalExplanation({ evaluationId }: { evaluationId: string }) {
  const { t } = useTranslation();
  return (
    <ExplanationPopover
      label={t("explain.showTotal")}
      className="explain-trigger explain-link"
      content={() => <EvaluationExplanationContent id={evaluationId} />}
    >
      <CalculatorOutlined /> {t("explain.title")}
    </ExplanationPopover>
  );
}
