// What the administration screens' tests share: who is signed in, the department tree, rendering.
import type { ReactNode } from "react";
import { AuthProvider } from "../../auth/AuthContext";
import { mockClient, type Reply } from "../../test/urql";
import { renderWith } from "../../test/render";

export const me = (role: string) => ({
  data: { me: { kind: "USER", name: role, role, csrfToken: "t", user: null, scope: null } },
});

const dept = (id: string, code: string, name: string, parent?: string) => ({
  __typename: "Department",
  id,
  code,
  name,
  version: 3,
  parent: parent ? { __typename: "Department", id: parent } : null,
});

/** 番禺区 above 区委办 and 区财政局; 区委办 above 综合科. */
export const departments = {
  data: {
    departments: {
      __typename: "DepartmentConnection",
      edges: [
        dept("1", "440115", "番禺区"),
        dept("2", "440115-001", "区委办", "1"),
        dept("3", "440115-002", "区财政局", "1"),
        dept("4", "440115-001-01", "综合科", "2"),
      ].map((node) => ({ __typename: "DepartmentEdge", node })),
    },
  },
};

/** Renders an administration page signed in as role, with the departments and the replies given. */
export function renderAdmin(ui: ReactNode, replies: Record<string, Reply>, role = "ADMIN") {
  const m = mockClient({ Me: me(role), AdminDepartments: departments, ...replies });
  renderWith(m.client, <AuthProvider>{ui}</AuthProvider>);
  return m;
}
