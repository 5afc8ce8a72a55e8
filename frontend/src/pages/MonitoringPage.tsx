import { Alert, Breadcrumb, Button, Card, Empty, Form, Input, Select, Skeleton, Space, Tabs, Tag, Typography } from "antd";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { errorsText, fieldErrors } from "../api/errors";
import { nodes } from "../lib/relay";
import { CreateMonitoringDocument, MonitoringPageDocument } from "./monitoring/queries";
import ReportView, { monitoringErrorText, statusColor } from "./monitoring/ReportView";

/** 绩效运行监控: a department-year's monitoring reports, a new one at a point, and the one chosen. */
export default function MonitoringPage() {
  const { yearId = "" } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [{ data, fetching, error }, reload] = useQuery({ query: MonitoringPageDocument, variables: { id: yearId } });
  const [created, create] = useMutation(CreateMonitoringDocument);
  const [form] = Form.useForm<{ point: string; project: string }>();

  if (fetching && !data) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />;
  const dy = data?.node?.__typename === "DepartmentYear" ? data.node : null;
  if (!dy) return <Empty />;
  const projects = nodes(dy.projects);
  const subjectName = (projectID: string | null | undefined) =>
    projectID ? (projects.find((p) => p.id === projectID)?.name ?? projectID) : t("monitoring.overall");
  const reports = dy.monitoringReports;
  const selected = params.get("report") ?? reports[0]?.id;
  const createErrors = fieldErrors(created.error);

  const onCreate = async (v: { point: string; project: string }) => {
    const r = await create({ year: dy.id, project: v.project === "" ? null : v.project, point: v.point.trim() });
    const id = r.data?.createMonitoringReport.id;
    if (id) {
      reload({ requestPolicy: "network-only" });
      setParams({ report: id });
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }} size={12}>
      <Breadcrumb
        items={[
          { title: <Link to="/departments">{t("nav.departments")}</Link> },
          { title: <Link to={`/years/${dy.id}`}>{`${dy.department.name} · ${t("departmentYear.yearLabel", { year: dy.year })}`}</Link> },
          { title: t("monitoring.title") },
        ]}
      />
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("monitoring.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("monitoring.intro")}</Typography.Paragraph>
        {dy.viewerCan.edit && (
          <Form
            form={form}
            layout="inline"
            initialValues={{ point: `${dy.year}-06-30`, project: "" }}
            onFinish={(v) => void onCreate(v)}
            data-testid="monitoring-create"
          >
            <Form.Item name="point" label={t("monitoring.point")} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: "YYYY-MM-DD" }]}>
              <Input style={{ width: 130 }} placeholder={`${dy.year}-06-30`} />
            </Form.Item>
            <Form.Item name="project" label={t("monitoring.subject")}>
              <Select
                style={{ minWidth: 200 }}
                options={[{ value: "", label: t("monitoring.overall") }, ...projects.map((p) => ({ value: p.id, label: p.name }))]}
              />
            </Form.Item>
            <Button htmlType="submit" loading={created.fetching} data-testid="monitoring-create-button">
              {t("monitoring.createButton")}
            </Button>
          </Form>
        )}
        {createErrors.length > 0 && (
          <Alert style={{ marginTop: 8 }} type="error" showIcon role="alert" message={createErrors.map((e) => monitoringErrorText(t, e)).join(" ")} />
        )}
      </Card>
      {reports.length === 0 ? (
        <Empty description={t("monitoring.none")} />
      ) : (
        <Tabs
          activeKey={selected}
          onChange={(k) => setParams({ report: k })}
          items={reports.map((r) => ({
            key: r.id,
            label: (
              <span data-testid={`monitoring-tab-${r.point}`}>
                {r.point} · {subjectName(r.projectID)} <Tag color={statusColor[r.status]}>{t(`monitoring.status.${r.status}`)}</Tag>
              </span>
            ),
          }))}
        />
      )}
      {selected && <ReportView key={selected} id={selected} />}
    </Space>
  );
}
