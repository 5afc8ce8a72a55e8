import { useMemo, useState } from "react";
import { Alert, Button, Card, Empty, Select, Space, Spin, Table, Tag, Typography, message } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { RuleSetsQuery } from "../gql/graphql";
import { errorsText } from "../api/errors";
import { useAuth } from "../auth/AuthContext";
import { nodes } from "../lib/relay";
import RuleSetForm, { type RuleSetRow } from "./rules/RuleSetForm";
import { ExpandColumnTitle } from "../components/VisuallyHidden";

graphql(`
  fragment ScoringRulesFields on ScoringRules {
    reverseRule
    equalLikeAtLeast
    deviationBelow
    deviationAtOrAbove
    executionExplanationBelow
    executionWeight
    outputWeight
    benefitWeight
    satisfactionWeight
    checkWeightSplit
    excellentFrom
    goodFrom
    fairFrom
    achievedFrom
    partialFrom
  }
`);

const RuleSetsDocument = graphql(`
  query RuleSets {
    ruleSets {
      id
      year
      version
      name
      sources
      latest
      createdAt
      createdByName
      region { id code name }
      parameters { ...ScoringRulesFields }
      versions { id version name createdAt createdByName }
    }
    defaultRules { ...ScoringRulesFields }
    departments(first: 1000, orderBy: [{ field: CODE }]) { edges { node { id code name } } }
  }
`);

type RuleSet = RuleSetsQuery["ruleSets"][number];

/** The finance bureau's scoring rules: each year's rule sets, for every department or a region, edited as new versions. */
export default function RuleSetsPage() {
  const { me } = useAuth();
  // Who sees the buttons is a menu choice: the server decides who may change the rules.
  return <RuleSetsView canChange={me?.role === "ADMIN" || me?.role === "REVIEWER"} />;
}

export function RuleSetsView({ canChange }: { canChange: boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: RuleSetsDocument });
  const [year, setYear] = useState<number>();
  const [editing, setEditing] = useState<{ set?: RuleSet } | undefined>();

  const years = useMemo(() => [...new Set((data?.ruleSets ?? []).map((s) => s.year))].sort((a, b) => b - a), [data]);
  const rows = (data?.ruleSets ?? []).filter((s) => year === undefined || s.year === year);
  const departments = useMemo(() => nodes(data?.departments), [data]);

  if (error && !data) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />;
  if (fetching && !data) return <Spin />;

  const region = (s: RuleSet) => (s.region ? t("rules.regionOf", { name: s.region.name, code: s.region.code }) : t("rules.everywhere"));
  const saved = (version: number) => {
    void message.success(version === 1 ? t("rules.created") : t("rules.saved", { version }));
    setEditing(undefined);
    refetch({ requestPolicy: "network-only" });
  };
  const formRow = (s: RuleSet): RuleSetRow => ({
    id: s.id, year: s.year, version: s.version, name: s.name, sources: s.sources, regionName: region(s), parameters: s.parameters,
  });

  return (
    <Card
      title={t("rules.title")}
      extra={
        <Space wrap>
          <Select
            aria-label={t("rules.year")}
            style={{ minWidth: 120 }}
            value={year ?? "all"}
            onChange={(v) => setYear(v === "all" ? undefined : Number(v))}
            options={[{ value: "all", label: t("rules.allYears") }, ...years.map((y) => ({ value: y, label: String(y) }))]}
          />
          {canChange && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t("rules.create")}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Alert type="info" showIcon message={t("rules.intro")} description={t("rules.docs")} />
        {rows.length === 0 ? (
          <Empty description={t("rules.empty")} />
        ) : (
          <Table<RuleSet>
            rowKey="id"
            scroll={{ x: 800 }}
            dataSource={rows}
            pagination={false}
            data-testid="rule-sets"
            expandable={{
              columnTitle: <ExpandColumnTitle />,
              expandedRowRender: (s) => (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  aria-label={t("rules.history")}
                  dataSource={s.versions}
                  columns={[
                    { title: t("rules.version"), dataIndex: "version", render: (v: number) => t("rules.versionN", { version: v }) },
                    { title: t("rules.name"), dataIndex: "name" },
                    { title: t("rules.createdBy"), dataIndex: "createdByName" },
                    { title: t("rules.createdAt"), dataIndex: "createdAt", render: (v: string) => new Date(v).toLocaleString() },
                  ]}
                />
              ),
            }}
            columns={[
              { title: t("rules.year"), dataIndex: "year", fixed: "left", width: 80 },
              { title: t("rules.region"), key: "region", render: (_, s) => region(s) },
              { title: t("rules.name"), dataIndex: "name" },
              {
                title: t("rules.version"),
                key: "version",
                render: (_, s) => (
                  <Space>
                    {t("rules.versionN", { version: s.version })}
                    {s.latest && <Tag color="green">{t("rules.latest")}</Tag>}
                  </Space>
                ),
              },
              {
                title: t("rules.summary"),
                key: "summary",
                render: (_, s) => (
                  <Typography.Text>
                    {t("errors.field.reverseRule")}：{t(`rules.reverseShort.${s.parameters.reverseRule}`)}；
                    {t("rules.gradesShort", { excellent: s.parameters.excellentFrom, good: s.parameters.goodFrom, fair: s.parameters.fairFrom })}
                  </Typography.Text>
                ),
              },
              { title: t("rules.createdBy"), dataIndex: "createdByName" },
              ...(canChange
                ? [
                    {
                      title: t("common.actions"),
                      key: "actions",
                      render: (_: unknown, s: RuleSet) => (
                        <Button size="small" onClick={() => setEditing({ set: s })} data-testid={`edit-${s.id}`}>
                          {t("rules.edit")}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Space>
      {editing && data && (
        <RuleSetForm
          set={editing.set && formRow(editing.set)}
          defaults={data.defaultRules}
          departments={departments}
          onSaved={saved}
          onCancel={() => setEditing(undefined)}
          onReload={() => {
            setEditing(undefined);
            refetch({ requestPolicy: "network-only" });
          }}
        />
      )}
    </Card>
  );
}
