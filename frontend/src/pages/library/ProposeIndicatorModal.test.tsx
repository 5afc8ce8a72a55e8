import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { gqlErrors, mockClient } from "../../test/urql";
import { renderWith } from "../../test/render";
import ProposeIndicatorModal from "./ProposeIndicatorModal";
import { libraryEntry } from "./fixture";

const meeting = { id: "7", name: "会议参与人数" };

describe("ProposeIndicatorModal", () => {
  it("proposes the indicator with the tags typed", async () => {
    const onClose = vi.fn();
    const m = mockClient({ LibraryTags: { data: { libraryTags: ["会务"] } }, ProposeIndicator: { data: { proposeIndicatorToLibrary: libraryEntry({ name: "会议参与人数", status: "PROPOSED" }) } } });
    renderWith(m.client, <ProposeIndicatorModal indicator={meeting} onClose={onClose} />);
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("提交「会议参与人数」到指标库")).toBeInTheDocument();
    const tags = within(dialog).getByRole("combobox");
    // One picked from the library's tags, one typed anew.
    fireEvent.mouseDown(tags);
    fireEvent.click(await screen.findByTitle("会务"));
    fireEvent.change(tags, { target: { value: "办公室，" } });
    fireEvent.click(within(dialog).getByRole("button", { name: /提\s?交/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith("已提交「会议参与人数」到指标库，等待财政局审核"));
    expect(m.variablesOf("ProposeIndicator")).toEqual([{ id: "7", tags: ["会务", "办公室"] }]);
  });

  it("says when the library has it already", async () => {
    const onClose = vi.fn();
    const m = mockClient({
      ProposeIndicator: gqlErrors(["indicatorID: …", { code: "CONFLICT", field: "indicatorID", entity: "library indicator", existingID: "1" }]),
    });
    renderWith(m.client, <ProposeIndicatorModal indicator={meeting} onClose={onClose} />);
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: /提\s?交/ }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("指标：与其他数据冲突。");
    expect(onClose).not.toHaveBeenCalled();
  });
});
