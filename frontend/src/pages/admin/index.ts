// The administration screens (administrators only): /admin/users, /admin/tokens, /admin/departments, /admin/audit.
export { UsersPage } from "./UsersPage";
export { TokensPage } from "./TokensPage";
export { DepartmentsAdminPage } from "./DepartmentsAdminPage";
export { AuditPage } from "./AuditPage";
