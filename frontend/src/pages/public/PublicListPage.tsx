import { Alert, Button, Empty, Input, List, Select, Space, Spin, Typography } from "antd";
import { Link, useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { PublicReportsDocument, PublicYearsDocument, asPublic, publicWhere, type PublicYearRow } from "./query";

const pageSize = 20;

/**
 * The published self-evaluation reports (/public): one entry per department-year with a published
 * evaluation, newest year first, its overall report and its projects' reports. The search (department
 * name or code) and the year are kept in the address (?q=…&year=…), so that a filtered list can be shared.
 */
export default function PublicListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const year = Number(params.get("year")) || undefined;
  const pages = Math.max(1, Number(params.get("pages")) || 1);
  const [{ data, fetching, error }] = useQuery({
    query: PublicReportsDocument,
    variables: { where: publicWhere(year, search), first: pageSize * pages },
    context: asPublic,
  });
  const [{ data: years }] = useQuery({ query: PublicYearsDocument, context: asPublic });
  const yearOptions = (years?.departmentYearAggregate.groups ?? [])
    .map((g) => g.key.year)
    .filter((y): y is number => y != null)
    .sort((a, b) => b - a)
    .map((y) => ({ value: y, label: t("public.yearValue", { year: y }) }));

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("pages");
    setParams(next, { replace: true });
  };
  const rows = (data?.departmentYears.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const total = data?.departmentYears.totalCount ?? 0;

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t("public.listTitle")}
        </Typography.Title>
        <Typography.Paragraph>{t("public.listIntro")}</Typography.Paragraph>
      </div>
      <Space wrap style={{ width: "100%" }}>
        <Input.Search
          allowClear
          defaultValue={search}
          placeholder={t("public.search")}
          aria-label={t("public.searchLabel")}
          onSearch={(v) => set("q", v.trim() || undefined)}
          style={{ width: 280, maxWidth: "100%" }}
          data-testid="public-search"
        />
        <Select
          allowClear
          value={year}
          placeholder={t("public.allYears")}
          aria-label={t("public.yearLabel")}
          options={yearOptions}
          onChange={(v?: number) => set("year", v ? String(v) : undefined)}
          style={{ width: 140 }}
          data-testid="public-year"
        />
        {data && <span data-testid="public-total">{t("public.total", { n: total })}</span>}
      </Space>
      {error && !data && <Alert type="error" showIcon message={t("public.loadFailed")} />}
      {fetching && !data ? (
        <Spin />
      ) : (
        <List
          data-testid="public-list"
          loading={fetching}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t("public.empty")} /> }}
          renderItem={(row) => <PublicRow row={row} />}
        />
      )}
      {data?.departmentYears.pageInfo.hasNextPage && (
        <Button
          loading={fetching}
          onClick={() => {
            const next = new URLSearchParams(params);
            next.set("pages", String(pages + 1));
            setParams(next, { replace: true });
          }}
          data-testid="public-more"
        >
          {t("public.more")}
        </Button>
      )}
    </Space>
  );
}

/** One department-year: its overall report and the reports of its projects, published ones only. */
function PublicRow({ row }: { row: PublicYearRow }) {
  const { t } = useTranslation();
  const published = (row.evaluations ?? []).filter((e) => e.status === "PUBLISHED");
  const overall = published.find((e) => !e.project);
  const projects = published.filter((e) => e.project).sort((a, b) => a.project!.name.localeCompare(b.project!.name, "zh-CN"));
  const grade = (e: (typeof published)[number]) => t("public.scoreGrade", { score: e.score, grade: t(`grade.${e.grade}`) });
  return (
    <List.Item data-testid="public-row" data-year={row.year} data-department={row.department.code} style={{ background: "#fff", padding: "12px 16px", marginBottom: 8, display: "block" }}>
      <Typography.Title level={4} style={{ margin: "0 0 8px", fontSize: 16 }}>
        {t("public.yearValue", { year: row.year })} · {row.department.name}{" "}
        <Typography.Text style={{ fontSize: 13, fontWeight: "normal", color: "#595959" }}>
          {row.department.code}
        </Typography.Text>
      </Typography.Title>
      <Space direction="vertical" size={4} style={{ width: "100%" }}>
        {overall ? (
          <span>
            <Link to={`/public/reports/${overall.id}`} data-testid="public-overall">
              {t("public.overallReport", { year: row.year })}
            </Link>{" "}
            <Typography.Text style={{ color: "#595959" }}>{grade(overall)}</Typography.Text>
          </span>
        ) : (
          <Typography.Text style={{ color: "#595959" }}>
            {t("public.column.overall")} {t("public.noOverall")}
          </Typography.Text>
        )}
        {projects.length > 0 && (
          <details>
            <summary style={{ cursor: "pointer" }}>
              {t("public.column.projects")}（{t("public.projectCount", { n: projects.length })}）
            </summary>
            <ul style={{ margin: "4px 0 0", paddingLeft: 20 }}>
              {projects.map((p) => (
                <li key={p.id}>
                  <Link to={`/public/reports/${p.id}`} data-testid="public-project">
                    {p.project!.name}
                  </Link>{" "}
                  <Typography.Text style={{ color: "#595959" }}>{grade(p)}</Typography.Text>
                </li>
              ))}
            </ul>
          </details>
        )}
      </Space>
    </List.Item>
  );
}
