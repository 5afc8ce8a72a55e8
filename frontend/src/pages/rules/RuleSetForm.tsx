import { useState } from "react";
import { Alert, Button, Col, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Switch } from "antd";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { ReverseRule, ScoringRulesFieldsFragment } from "../../gql/graphql";
import { errorText } from "../../api/errors";
import { sortErrors, type Sorted } from "../departmentYear/serverErrors";

const CreateRuleSetDocument = graphql(`
  mutation CreateRuleSet($input: CreateRuleSetInput!) {
    createRuleSet(input: $input) { id version }
  }
`);

const UpdateRuleSetDocument = graphql(`
  mutation UpdateRuleSet($id: ID!, $input: UpdateRuleSetInput!) {
    updateRuleSet(id: $id, input: $input) { id version }
  }
`);

/** The version a change starts from. */
export interface RuleSetRow {
  id: string;
  year: number;
  version: number;
  name: string;
  sources: string;
  regionName: string;
  parameters: ScoringRulesFieldsFragment;
}

type Parameters = Omit<ScoringRulesFieldsFragment, "__typename">;
type DecimalParameter = Exclude<keyof Parameters, "reverseRule" | "equalLikeAtLeast" | "checkWeightSplit">;

/** The parameters by group, in the order docs/RULES.md lists them; each named by the errors catalogue. */
const GROUPS: { key: string; decimals: DecimalParameter[]; switches?: ("equalLikeAtLeast" | "checkWeightSplit")[] }[] = [
  { key: "scoring", decimals: [], switches: ["equalLikeAtLeast"] },
  { key: "deviation", decimals: ["deviationBelow", "deviationAtOrAbove", "executionExplanationBelow"] },
  { key: "split", decimals: ["executionWeight", "outputWeight", "benefitWeight", "satisfactionWeight"], switches: ["checkWeightSplit"] },
  { key: "grades", decimals: ["excellentFrom", "goodFrom", "fairFrom"] },
  { key: "ratings", decimals: ["achievedFrom", "partialFrom"] },
];

const DECIMALS = GROUPS.flatMap((g) => g.decimals);
const FIELDS = ["year", "regionID", "name", "sources", "reverseRule", "equalLikeAtLeast", "checkWeightSplit", ...DECIMALS];
const REVERSE_RULES: ReverseRule[] = ["LINEAR", "RATIO"];

interface Values extends Parameters {
  year?: number;
  regionID?: string;
  name: string;
  sources: string;
}

interface Props {
  /** The version to change; undefined for a new rule set. */
  set?: RuleSetRow;
  /** The built-in rules: a new set starts from them. */
  defaults: ScoringRulesFieldsFragment;
  departments: { id: string; code: string; name: string }[];
  onSaved(version: number): void;
  onCancel(): void;
  onReload(): void;
}

/**
 * A rule set's every parameter, for a new set or as the next version of one. The server checks the
 * parameters (ranges, bands in order, the split adding up to 100): its refusals show at their fields,
 * in the UI's language.
 */
export default function RuleSetForm({ set, defaults, departments, onSaved, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [, create] = useMutation(CreateRuleSetDocument);
  const [, update] = useMutation(UpdateRuleSetDocument);
  const [busy, setBusy] = useState(false);
  const [sorted, setSorted] = useState<Sorted>();

  const start = set?.parameters ?? defaults;
  const initial: Values = {
    name: set?.name ?? "",
    sources: set?.sources ?? "",
    reverseRule: start.reverseRule,
    equalLikeAtLeast: start.equalLikeAtLeast,
    checkWeightSplit: start.checkWeightSplit,
    ...Object.fromEntries(DECIMALS.map((k) => [k, start[k]])),
  } as Values;

  const save = async (values: Values) => {
    const parameters = {
      reverseRule: values.reverseRule,
      equalLikeAtLeast: values.equalLikeAtLeast,
      checkWeightSplit: values.checkWeightSplit,
      ...Object.fromEntries(DECIMALS.map((k) => [k, String(values[k]).trim()])),
    };
    setBusy(true);
    const r = set
      ? await update({ id: set.id, input: { name: values.name, sources: values.sources, ...parameters } })
      : await create({
          input: { year: Number(values.year), regionID: values.regionID ?? null, name: values.name, sources: values.sources, ...parameters },
        });
    setBusy(false);
    if (r.error) {
      const s = sortErrors(t, r.error, FIELDS);
      // A second set of the same year and region is refused on the year: say what to do instead.
      if (!set && s.fields.year && r.error.graphQLErrors.some((e) => e.extensions?.code === "CONFLICT")) s.fields.year = t("rules.exists");
      form.setFields(FIELDS.map((name) => ({ name: name as keyof Values, errors: s.fields[name] ? [s.fields[name]] : [] })));
      setSorted(s);
      return;
    }
    const version = r.data && ("updateRuleSet" in r.data ? r.data.updateRuleSet.version : r.data.createRuleSet.version);
    onSaved(version ?? 1);
  };

  const decimal = (k: DecimalParameter) => (
    <Col xs={24} md={8} key={k}>
      <Form.Item name={k} label={t(`errors.field.${k}`)} rules={[{ required: true, whitespace: true, message: t(`errors.field.${k}`) }]}>
        <Input inputMode="decimal" data-testid={`rule-${k}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open
      width={880}
      title={set ? t("rules.editTitle", { name: set.name, version: set.version + 1 }) : t("rules.createTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {sorted?.conflict && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={t("rules.stale")}
          action={
            <Button size="small" onClick={onReload}>
              {t("common.reload")}
            </Button>
          }
        />
      )}
      {sorted && sorted.general.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={sorted.general.map((e) => errorText(t, e)).join(" ")} />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)}>
        <Row gutter={16}>
          {set ? (
            <Col span={24}>
              <Form.Item label={t("rules.region")}>
                <Space>
                  <span>{set.year}</span>
                  <span>{set.regionName}</span>
                </Space>
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col xs={24} md={8}>
                <Form.Item name="year" label={t("rules.year")} rules={[{ required: true, message: t("rules.yearRequired") }]}>
                  <InputNumber precision={0} style={{ width: "100%" }} data-testid="rule-year" />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name="regionID" label={t("rules.region")}>
                  <Select
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    placeholder={t("rules.regionPlaceholder")}
                    options={departments.map((d) => ({ value: d.id, label: `${d.code} ${d.name}` }))}
                    data-testid="rule-region"
                  />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name="name" label={t("rules.name")} rules={[{ required: true, whitespace: true, message: t("rules.nameRequired") }]}>
              <Input data-testid="rule-name" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="sources" label={t("rules.sources")}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="rule-sources" />
            </Form.Item>
          </Col>
        </Row>
        {GROUPS.map((g) => (
          <div key={g.key}>
            <Divider orientation="left" plain>
              {t(`rules.groups.${g.key}`)}
            </Divider>
            {g.key === "scoring" && (
              <Form.Item name="reverseRule" label={t("errors.field.reverseRule")}>
                <Radio.Group>
                  <Space direction="vertical">
                    {REVERSE_RULES.map((r) => (
                      <Radio key={r} value={r} data-testid={`rule-reverse-${r}`}>
                        {t(`rules.reverse.${r}`)}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
            )}
            <Row gutter={16}>
              {g.decimals.map(decimal)}
              {(g.switches ?? []).map((k) => (
                <Col xs={24} md={8} key={k}>
                  <Form.Item name={k} label={t(`errors.field.${k}`)} valuePropName="checked">
                    <Switch data-testid={`rule-${k}`} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </div>
        ))}
      </Form>
    </Modal>
  );
}
