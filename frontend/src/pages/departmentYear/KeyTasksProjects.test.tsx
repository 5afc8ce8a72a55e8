import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import KeyTasks from "./KeyTasks";
import { AddProject } from "./Projects";
import { renderWith } from "../../test/render";
import { mockClient, type Answer } from "../../test/urql";

const tasks = [
  { id: "k1", position: 1, title: "围绕中心工作", content: "推进改版", outcome: "按时完成", version: 3 },
  { id: "k2", position: 2, title: "服务保障", content: "", outcome: "", version: 1 },
];

function showTasks(answer: (v: Record<string, unknown>) => Answer) {
  const { client, executeMutation } = mockClient({}, answer);
  const onReload = vi.fn();
  renderWith(client, <KeyTasks yearID="dy1" tasks={tasks} editable onReload={onReload} />);
  return { executeMutation, onReload, user: userEvent.setup() };
}

describe("KeyTasks", () => {
  it("adds a task after the last position", async () => {
    const { executeMutation, user } = showTasks(() => ({ data: { createKeyTask: { ...tasks[0], id: "k3" } } }));
    await user.click(screen.getByTestId("key-task-add"));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByLabelText("任务名称"));
    await user.paste(" 新任务 ");
    await user.click(within(dialog).getByRole("button", { name: /保\s*存/ }));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      input: { departmentYearID: "dy1", position: 3, title: "新任务", content: "", outcome: "" },
    });
  });

  it("edits a task with the version read and offers a reload after a conflict", async () => {
    const { executeMutation, onReload, user } = showTasks(() => ({
      errors: [{ message: "key task k1 was changed by somebody else", extensions: { code: "CONFLICT", field: "version", currentVersion: 4 } }],
    }));
    await user.click(screen.getAllByRole("button", { name: /^编\s*辑$/ })[0]);
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByLabelText("任务名称")).toHaveValue("围绕中心工作");
    await user.click(within(dialog).getByLabelText("年度目标实际完成情况"));
    await user.paste("，超额完成");
    await user.click(within(dialog).getByRole("button", { name: /保\s*存/ }));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables).toMatchObject({ id: "k1", version: 3, input: { outcome: "按时完成，超额完成" } });
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("其他人已先保存了修改");
    await user.click(within(alert).getByRole("button", { name: /重新加载/ }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });
});

describe("AddProject", () => {
  function showAdd(answer: Answer) {
    const { client, executeMutation } = mockClient({}, answer);
    renderWith(client, <AddProject yearID="dy1" />);
    return { executeMutation, user: userEvent.setup() };
  }
  async function fill(user: ReturnType<typeof userEvent.setup>, testID: string, value: string) {
    await user.click(screen.getByTestId(testID));
    await user.paste(value);
  }
  const itemOf = (testID: string) => screen.getByTestId(testID).closest(".ant-form-item") as HTMLElement;

  it("sends the project with amounts as strings, leaving empty ones out", async () => {
    const { executeMutation, user } = showAdd({ data: { createProject: { id: "p9" } } });
    await fill(user, "project-name", "信息化建设");
    await fill(user, "project-code", "NS-09");
    await fill(user, "project-budget", "1,200.5");
    await user.click(screen.getByTestId("project-add"));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      input: { departmentYearID: "dy1", name: "信息化建设", code: "NS-09", budget: "1200.5" },
    });
  });

  it("refuses a bad amount and puts the server's message next to the field it names", async () => {
    const { executeMutation, user } = showAdd({
      errors: [{ message: "code: the value is already taken; it must be unique", extensions: { code: "CONFLICT", field: "code" } }],
    });
    await fill(user, "project-name", "信息化建设");
    await fill(user, "project-executed", "abc");
    await user.click(screen.getByTestId("project-add"));
    await waitFor(() => expect(itemOf("project-executed")).toHaveTextContent("请输入数字"));
    expect(executeMutation).not.toHaveBeenCalled();
    await user.clear(screen.getByTestId("project-executed"));
    await fill(user, "project-code", "NS-01");
    await user.click(screen.getByTestId("project-add"));
    await waitFor(() => expect(itemOf("project-code")).toHaveTextContent("编码：与其他数据冲突。"));
    expect(itemOf("project-code")).not.toHaveTextContent("already taken");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
