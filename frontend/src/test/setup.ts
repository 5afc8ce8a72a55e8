import "@testing-library/jest-dom/vitest";
import { createElement } from "react";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import i18n from "../i18n";
import type { EChartProps } from "../lib/charts/EChart";

// Test files share one module cache per worker (isolate: false in vite.config.ts), so whatever a
// test leaves behind is undone here, once for every file: the rendered tree, the language, storage.
beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage("zh-CN");
});
afterEach(cleanup);

// ECharts needs a canvas, which jsdom lacks: every chart shows the option it was given instead.
// Mocked here for all files: with a shared module cache a mock in one test file would not reach a
// chart another file loaded first.
vi.mock("../lib/charts/EChart", () => ({
  default: ({ option, ariaLabel }: EChartProps) =>
    createElement("div", { "data-testid": "chart", "aria-label": ariaLabel }, JSON.stringify(option)),
}));

// Queries wait for what a test needs, however long a busy machine takes: the test's own timeout
// (testTimeout in vite.config.ts) bounds the wait, not a guess at how slow the machine is.
configure({ asyncUtilTimeout: 60_000 });

// Ant Design injects thousands of CSS-in-JS rules; jsdom matches all of them in every
// getComputedStyle call, which Testing Library makes for each ancestor of each element a role query
// considers. That was most of the suite's time. No test asserts layout, so antd's sheets stay empty.
// (rc-util marks the style elements it injects with data-rc-order before it sets their text.)
const innerHTML = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML")!;
Object.defineProperty(HTMLStyleElement.prototype, "innerHTML", {
  configurable: true,
  get(this: HTMLStyleElement) {
    return innerHTML.get!.call(this);
  },
  set(this: HTMLStyleElement, css: string) {
    innerHTML.set!.call(this, this.hasAttribute("data-rc-order") ? "" : css);
  },
});

// jsdom lacks what antd asks of a browser:
// rc-table measures the scrollbar with a pseudo-element style, which jsdom does not implement;
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (elt: Element) => getComputedStyle(elt);
// antd's responsive helpers ask matchMedia.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});
