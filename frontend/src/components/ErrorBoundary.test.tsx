import { afterEach, describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen } from "@testing-library/react";
import ErrorBoundary, { isChunkError } from "./ErrorBoundary";

function Broken({ error }: { error: Error }): never {
  throw error;
}

afterEach(() => vi.restoreAllMocks());

describe("isChunkError", () => {
  it.each([
    [new TypeError("Failed to fetch dynamically imported module: http://x/assets/EvaluationPage-abc.js"), true],
    [new TypeError("error loading dynamically imported module"), true],
    [new Error("Unable to preload CSS for /assets/IndicatorsPage-x.css"), true],
    [new TypeError("Cannot read properties of undefined (reading 'score')"), false],
  ])("%s → %s", (error, want) => expect(isChunkError(error)).toBe(want));
});

describe("ErrorBoundary", () => {
  it("shows a page's error with a reload button instead of a blank page", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const reload = vi.fn();
    render(
      <ErrorBoundary reload={reload}>
        <Broken error={new TypeError("Cannot read properties of undefined (reading 'score')")} />
      </ErrorBoundary>,
    );
    expect(screen.getByTestId("error-detail").textContent).toContain("reading 'score'");
    fireEvent.click(screen.getByTestId("error-reload"));
    expect(reload).toHaveBeenCalledOnce();
  });

  it("offers the new version when a page's chunk is gone after a redeploy", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    render(
      <ErrorBoundary reload={vi.fn()}>
        <Broken error={new TypeError("Failed to fetch dynamically imported module: /assets/EvaluationPage-old.js")} />
      </ErrorBoundary>,
    );
    expect(screen.queryByTestId("error-detail")).toBeNull();
    expect(screen.getByText(/新版本|new version/)).toBeTruthy();
  });

  it("catches Vite's preload error event", () => {
    const reload = vi.fn();
    render(
      <ErrorBoundary reload={reload}>
        <p>page</p>
      </ErrorBoundary>,
    );
    const event = new Event("vite:preloadError", { cancelable: true });
    act(() => {
      window.dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(true);
    expect(screen.queryByText("page")).toBeNull();
    fireEvent.click(screen.getByTestId("error-reload"));
    expect(reload).toHaveBeenCalledOnce();
  });
});
