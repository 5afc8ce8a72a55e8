import { lazy, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { ConfigProvider, Spin } from "antd";
import zhCN from "antd/es/locale/zh_CN";
import enUS from "antd/es/locale/en_US";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useTranslation } from "react-i18next";
import { Provider } from "urql";
import { client } from "./api/client";
import { AuthProvider, useAuth } from "./auth/AuthContext";
import ErrorBoundary from "./components/ErrorBoundary";
import AppLayout from "./layout/AppLayout";
import LoginPage from "./pages/LoginPage";
import { isPublicPath } from "./pages/public/path";
import { theme } from "./theme";

// Screens load on demand, so the first page carries neither charts nor editors.
const DepartmentsPage = lazy(() => import("./pages/DepartmentsPage"));
const DepartmentYearPage = lazy(() => import("./pages/DepartmentYearPage"));
const IndicatorsPage = lazy(() => import("./pages/IndicatorsPage"));
const EvaluationPage = lazy(() => import("./pages/EvaluationPage"));
const ReportPage = lazy(() => import("./pages/ReportPage"));
const DashboardsPage = lazy(() => import("./pages/DashboardsPage"));
const RuleSetsPage = lazy(() => import("./pages/RuleSetsPage"));
const LibraryPage = lazy(() => import("./pages/LibraryPage"));
const WebhooksPage = lazy(() => import("./pages/WebhooksPage"));
const TargetsPage = lazy(() => import("./pages/TargetsPage"));
const TargetsQueuePage = lazy(() => import("./pages/TargetsQueuePage"));
const HomePage = lazy(() => import("./pages/HomePage"));
const RoundsPage = lazy(() => import("./pages/RoundsPage"));
const RoundPage = lazy(() => import("./pages/RoundPage"));
const MonitoringPage = lazy(() => import("./pages/MonitoringPage"));
const EvaluationsListPage = lazy(() => import("./pages/lists/EvaluationsListPage"));
const DepartmentYearsListPage = lazy(() => import("./pages/lists/DepartmentYearsListPage"));
const ProjectsListPage = lazy(() => import("./pages/lists/ProjectsListPage"));
const BelowTargetListPage = lazy(() => import("./pages/lists/BelowTargetListPage"));
const AdminUsersPage = lazy(() => import("./pages/admin/UsersPage"));
const AdminTokensPage = lazy(() => import("./pages/admin/TokensPage"));
const AdminDepartmentsPage = lazy(() => import("./pages/admin/DepartmentsAdminPage"));
const AdminAuditPage = lazy(() => import("./pages/admin/AuditPage"));
const PublicApp = lazy(() => import("./pages/public/PublicApp"));

function Routed() {
  const { me, fetching } = useAuth();
  const { pathname } = useLocation();
  // The public disclosure site is everybody's, signed in or not: its own frame, before the sign-in gate.
  if (isPublicPath(pathname))
    return (
      <Suspense fallback={<Spin fullscreen />}>
        <PublicApp />
      </Suspense>
    );
  if (!me && fetching) return <Spin fullscreen />;
  if (!me || me.kind === "ANONYMOUS") return <LoginPage />;
  return (
    <AppLayout>
      <ErrorBoundary>
        <Suspense fallback={<Spin />}>
          <Routes>
            <Route path="/" element={<Navigate to="/home" replace />} />
            <Route path="/home" element={<HomePage />} />
            <Route path="/rounds" element={<RoundsPage />} />
            <Route path="/rounds/:roundId" element={<RoundPage />} />
            <Route path="/departments" element={<DepartmentsPage />} />
            <Route path="/years/:yearId" element={<DepartmentYearPage />} />
            <Route path="/years/:yearId/indicators" element={<IndicatorsPage />} />
            <Route path="/years/:yearId/targets" element={<TargetsPage />} />
            <Route path="/years/:yearId/monitoring" element={<MonitoringPage />} />
            <Route path="/projects/:projectId/indicators" element={<IndicatorsPage />} />
            <Route path="/evaluations/:evaluationId" element={<EvaluationPage />} />
            <Route path="/evaluations/:evaluationId/report" element={<ReportPage />} />
            <Route path="/dashboards" element={<DashboardsPage />} />
            <Route path="/rules" element={<RuleSetsPage />} />
            <Route path="/library" element={<LibraryPage />} />
            <Route path="/admin/webhooks" element={<WebhooksPage />} />
            <Route path="/admin/users" element={<AdminUsersPage />} />
            <Route path="/admin/tokens" element={<AdminTokensPage />} />
            <Route path="/admin/departments" element={<AdminDepartmentsPage />} />
            <Route path="/admin/audit" element={<AdminAuditPage />} />
            <Route path="/targets" element={<TargetsQueuePage />} />
            <Route path="/lists/evaluations" element={<EvaluationsListPage />} />
            <Route path="/lists/department-years" element={<DepartmentYearsListPage />} />
            <Route path="/lists/projects" element={<ProjectsListPage />} />
            <Route path="/lists/indicators-below-target" element={<BelowTargetListPage />} />
            <Route path="*" element={<Navigate to="/home" replace />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </AppLayout>
  );
}

export default function App() {
  const { i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  dayjs.locale(zh ? "zh-cn" : "en");
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={theme}>
      <Provider value={client}>
        <AuthProvider>
          <BrowserRouter>
            <Routed />
          </BrowserRouter>
        </AuthProvider>
      </Provider>
    </ConfigProvider>
  );
}
