import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { gqlErrors, mockClient } from "../../test/urql";
import { renderWith } from "../../test/render";
import LibraryDrawer from "./LibraryDrawer";
import { executionRate, listAnswer, satisfaction } from "./fixture";

const rowOf = (name: string) => screen.getByText(name).closest("tr")!;

describe("LibraryDrawer", () => {
  it("adds the ticked entries in the list's order, in one step", async () => {
    const onAdded = vi.fn();
    const m = mockClient({
      LibraryList: listAnswer([executionRate, satisfaction]),
      LibraryTags: { data: { libraryTags: ["项目", "部门整体"] } },
      AddFromLibrary: { data: { addIndicatorsFromLibrary: [{ id: "1", name: "服务对象满意度" }, { id: "2", name: "预算资金支出率" }] } },
    });
    renderWith(m.client, <LibraryDrawer open departmentYearID="10" onClose={() => {}} onAdded={onAdded} />);
    // Each entry says what it measures and its typical target.
    expect(await screen.findByText("预算资金支出率")).toBeInTheDocument();
    expect(within(rowOf("服务对象满意度")).getByText("≥ 85–95")).toBeInTheDocument();
    fireEvent.click(within(rowOf("服务对象满意度")).getByRole("checkbox"));
    fireEvent.click(within(rowOf("预算资金支出率")).getByRole("checkbox"));
    fireEvent.click(screen.getByTestId("library-add-selected"));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith(2));
    expect(m.variablesOf("AddFromLibrary")).toEqual([{ year: "10", project: undefined, ids: [executionRate.id, satisfaction.id] }]);
  });

  it("searches and filters by tags through the server", async () => {
    const m = mockClient({ LibraryList: listAnswer([satisfaction]), LibraryTags: { data: { libraryTags: ["项目", "满意度"] } } });
    renderWith(m.client, <LibraryDrawer open departmentYearID="10" onClose={() => {}} onAdded={() => {}} />);
    await screen.findByText("服务对象满意度");
    const box = screen.getByTestId("library-search");
    fireEvent.change(box, { target: { value: "满意度" } });
    fireEvent.keyDown(box, { key: "Enter", code: "Enter" });
    await waitFor(() => expect(m.variablesOf("LibraryList").at(-1)).toEqual({ where: { search: "满意度" } }));
    // The tags offered are the library's; picking one asks for the entries that carry it.
    fireEvent.mouseDown(within(screen.getByTestId("library-tags")).getByRole("combobox"));
    fireEvent.click(await screen.findByTitle("满意度"));
    await waitFor(() => expect(m.variablesOf("LibraryList").at(-1)).toEqual({ where: { search: "满意度", tagsAll: ["满意度"] } }));
  });

  it("offers no formula-bound entry to a project, and says why", async () => {
    const m = mockClient({ LibraryList: listAnswer([executionRate, satisfaction]), LibraryTags: { data: { libraryTags: [] } } });
    renderWith(m.client, <LibraryDrawer open departmentYearID="10" projectID="30" onClose={() => {}} onAdded={() => {}} />);
    await screen.findByText("预算资金支出率");
    expect(within(rowOf("预算资金支出率")).getByRole("checkbox")).toBeDisabled();
    expect(within(rowOf("服务对象满意度")).getByRole("checkbox")).toBeEnabled();
  });

  it("says what the server refused, in the catalogue's words", async () => {
    const onAdded = vi.fn();
    const m = mockClient({
      LibraryList: listAnswer([satisfaction]),
      LibraryTags: { data: { libraryTags: [] } },
      AddFromLibrary: gqlErrors(["libraryIDs[0]: …", { code: "LOCKED", status: "SUBMITTED" }]),
    });
    renderWith(m.client, <LibraryDrawer open departmentYearID="10" projectID="30" onClose={() => {}} onAdded={onAdded} />);
    await screen.findByText("服务对象满意度");
    fireEvent.click(within(rowOf("服务对象满意度")).getByRole("checkbox"));
    fireEvent.click(screen.getByTestId("library-add-selected"));
    expect(await screen.findByRole("alert")).toHaveTextContent("评价状态为「已提交」");
    expect(onAdded).not.toHaveBeenCalled();
  });
});
