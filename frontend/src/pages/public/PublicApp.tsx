import { Navigate, Route, Routes } from "react-router-dom";
import ErrorBoundary from "../../components/ErrorBoundary";
import PublicLayout from "./PublicLayout";
import PublicListPage from "./PublicListPage";
import PublicReportPage from "./PublicReportPage";

/** The public disclosure site: the published reports and each report's page, in its own frame. */
export default function PublicApp() {
  return (
    <PublicLayout>
      <ErrorBoundary>
        <Routes>
          <Route path="/public" element={<PublicListPage />} />
          <Route path="/public/reports/:evaluationId" element={<PublicReportPage />} />
          <Route path="*" element={<Navigate to="/public" replace />} />
        </Routes>
      </ErrorBoundary>
    </PublicLayout>
  );
}
