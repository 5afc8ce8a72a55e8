import { describe, expect, it } from "vitest";
import { buildTree } from "./DepartmentsPage";

describe("buildTree", () => {
  it("nests departments under their parents at any depth", () => {
    const tree = buildTree([
      { id: "1", code: "440115", name: "南沙区", parent: null },
      { id: "2", code: "440115-001", name: "区委办", parent: { id: "1" } },
      { id: "3", code: "440115-001-01", name: "信息科", parent: { id: "2" } },
    ]);
    expect(tree).toHaveLength(1);
    expect(tree[0].children?.[0].children?.[0].key).toBe("3");
  });
  it("makes a department whose parent is hidden a root", () => {
    const tree = buildTree([{ id: "2", code: "440115-001", name: "区委办", parent: { id: "1" } }]);
    expect(tree.map((n) => n.key)).toEqual(["2"]);
  });
});
