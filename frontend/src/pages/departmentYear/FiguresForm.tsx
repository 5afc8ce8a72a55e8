import { useState } from "react";
import { Button, Col, Descriptions, Divider, Form, Input, Row, Space, Tag, Typography, message } from "antd";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DepartmentYearFiguresFragment } from "../../gql/graphql";
import { percent, wan } from "../../lib/format";
import { checkAmount, sameDecimal, type DecimalProblem } from "./amounts";
import { ServerAlerts, sortErrors, type Sorted } from "./serverErrors";

export const DepartmentYearFiguresFragmentDoc = graphql(`
  fragment DepartmentYearFigures on DepartmentYear {
    id
    version
    personnelBudget
    personnelActual
    publicBudget
    publicActual
    projectBudget
    projectActual
    carryoverStart
    carryoverEnd
    threePublicBudget
    threePublicActual
    assetsInUse
    assetsTotal
    basicInitialBudget
    projectInitialBudget
    goal
    goalOutcome
    totalInitialBudget
    basicBudget
    basicActual
    totalBudget
    totalActual
    executionRate
    carryoverRate
    monthsBehind
    months { id }
  }
`);

const UpdateFiguresDocument = graphql(`
  mutation DepartmentYearUpdateFigures($id: ID!, $input: UpdateDepartmentYearInput!, $version: Int) {
    updateDepartmentYear(id: $id, input: $input, version: $version) {
      ...DepartmentYearFigures
    }
  }
`);

/** The amounts of a department-year in 万元, in the order the form shows them (pairs side by side). */
export const amountFields = [
  "personnelBudget",
  "personnelActual",
  "publicBudget",
  "publicActual",
  "projectBudget",
  "projectActual",
  "threePublicBudget",
  "threePublicActual",
  "carryoverStart",
  "carryoverEnd",
  "assetsInUse",
  "assetsTotal",
  // 年初预算数 of the forms' 基本支出 and 项目支出 rows, beside the adjusted budgets above.
  "basicInitialBudget",
  "projectInitialBudget",
] as const;

type AmountField = (typeof amountFields)[number];
/** The texts of the year's overall goal: as expected and as achieved. */
const textFields = ["goal", "goalOutcome"] as const;
type Values = Pick<DepartmentYearFiguresFragment, AmountField | (typeof textFields)[number]>;

const allFields: readonly string[] = [...amountFields, ...textFields];

/** The translated message for a decimal the form refuses. */
export function useProblemText() {
  const { t } = useTranslation();
  return (p: DecimalProblem) => t(`departmentYear.problems.${p}`);
}

/** The figures form: amounts and goal, saved together with the version read; derived totals beside it. */
export default function FiguresForm({
  year,
  editable,
  onReload,
}: {
  year: DepartmentYearFiguresFragment;
  editable: boolean;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, update] = useMutation(UpdateFiguresDocument);
  const [sorted, setSorted] = useState<Sorted>();
  const [messages, contextHolder] = message.useMessage();

  // The fragment is the form's values; a form keeps only the fields it shows.
  const initial: Values = year;

  const save = async (values: Values) => {
    setSorted(undefined);
    const input: Record<string, string> = {};
    for (const f of amountFields) {
      const c = checkAmount(values[f]);
      if (c.value && !sameDecimal(c.value, year[f])) input[f] = c.value;
    }
    for (const f of textFields) if ((values[f] ?? "") !== year[f]) input[f] = values[f] ?? "";
    if (Object.keys(input).length === 0) {
      void messages.info(t("departmentYear.noChanges"));
      return;
    }
    // The answer's DepartmentYear refreshes the page's query. A refused save refreshes nothing,
    // so the message and what was typed stay until the user reloads.
    const r = await update({ id: year.id, input, version: year.version });
    if (r.error) {
      const s = sortErrors(t, r.error, allFields);
      form.setFields(Object.entries(s.fields).map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })));
      setSorted(s);
      return;
    }
    void messages.success(t("common.saved"));
  };

  const amountItem = (f: AmountField) => (
    <Col xs={24} sm={12} lg={6} key={f}>
      <Form.Item
        name={f}
        label={t(`departmentYear.figures.${f}`)}
        rules={[
          {
            validator: async (_, v: string) => {
              const c = checkAmount(v);
              if (c.problem) throw new Error(problemText(c.problem));
            },
          },
        ]}
      >
        <Input inputMode="decimal" suffix={t("common.wanUnit")} disabled={!editable} data-testid={`figure-${f}`} />
      </Form.Item>
    </Col>
  );

  return (
    <>
      {contextHolder}
      <ServerAlerts
        sorted={sorted}
        onReload={() => {
          setSorted(undefined);
          onReload();
        }}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void save(v)}
        disabled={!editable}
        aria-label={t("departmentYear.figures.title")}
      >
        <Row gutter={16}>{amountFields.map(amountItem)}</Row>
        <Row gutter={16}>
          {textFields.map((f) => (
            <Col xs={24} lg={12} key={f}>
              <Form.Item name={f} label={t(`departmentYear.figures.${f}`)}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} disabled={!editable} data-testid={`figure-${f}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {editable && (
          <Space>
            <Button type="primary" htmlType="submit" loading={fetching} data-testid="figures-save">
              {t("common.save")}
            </Button>
            <Button htmlType="button" onClick={() => form.resetFields()} disabled={fetching}>
              {t("departmentYear.undo")}
            </Button>
          </Space>
        )}
      </Form>
      <Divider orientation="left" plain>
        {t("departmentYear.derived.title")}
      </Divider>
      <Derived year={year} />
    </>
  );
}

/** The totals the server derives from the figures, read-only. */
export function Derived({ year }: { year: DepartmentYearFiguresFragment }) {
  const { t } = useTranslation();
  const unit = t("common.wanUnit");
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 2, lg: 4, xl: 4, xxl: 4 }} data-testid="figures-derived">
      <Descriptions.Item label={t("departmentYear.derived.basicBudget")}>
        {wan(year.basicBudget)} {unit}
      </Descriptions.Item>
      <Descriptions.Item label={t("departmentYear.derived.basicActual")}>
        {wan(year.basicActual)} {unit}
      </Descriptions.Item>
      <Descriptions.Item label={t("departmentYear.derived.totalBudget")}>
        {wan(year.totalBudget)} {unit}
      </Descriptions.Item>
      <Descriptions.Item label={t("departmentYear.derived.totalActual")}>
        {wan(year.totalActual)} {unit}
      </Descriptions.Item>
      <Descriptions.Item label={t("departmentYear.derived.totalInitialBudget")}>
        {wan(year.totalInitialBudget)} {unit}
      </Descriptions.Item>
      <Descriptions.Item label={t("departmentYear.derived.executionRate")}>{percent(year.executionRate)}</Descriptions.Item>
      <Descriptions.Item label={t("departmentYear.derived.carryoverRate")}>{percent(year.carryoverRate)}</Descriptions.Item>
      <Descriptions.Item label={t("departmentYear.derived.monthsBehind")} span="filled">
        {year.months.length === 0 ? (
          // No month entered: nothing is known about progress (not "every month met its target").
          <Typography.Text type="secondary" data-testid="no-months">
            {t("departmentYear.derived.noMonths")}
          </Typography.Text>
        ) : year.monthsBehind.length ? (
          year.monthsBehind.map((m) => (
            <Tag color="red" key={m}>
              {t("departmentYear.months.monthName", { month: m })}
            </Tag>
          ))
        ) : (
          <Typography.Text type="success">{t("departmentYear.derived.noneBehind")}</Typography.Text>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
