import { Empty } from "antd";

// Under construction: see issue 4.
export default function DashboardsPage() {
  return <Empty />;
}
