import { describe, expect, it } from "vitest";
import { exportTitles, leafPaths } from "./exportDocument";

describe("leafPaths", () => {
  it.each([
    ["score", ["score"]],
    ["score weight", ["score", "weight"]],
    ["departmentYear { department { code name } }", ["departmentYear.department.code", "departmentYear.department.name"]],
    ["dept: departmentYear { year }", ["dept.year"]],
  ])("%s", (selection, want) => expect(leafPaths(selection)).toEqual(want));
});

describe("exportTitles", () => {
  it("heads a one-field column by its title and each field of a several-field column by title and field", () => {
    const titles = exportTitles(
      [
        { title: "得分", exportFields: "score" },
        { title: "部门", exportFields: "departmentYear { department { code name } }" },
      ],
      (title, leaf) => `${title}（${leaf === "code" ? "编码" : "名称"}）`,
    );
    expect(titles).toEqual({ score: "得分", "departmentYear.department.code": "部门（编码）", "departmentYear.department.name": "部门（名称）" });
  });
});
