import "@testing-library/jest-dom/vitest";
import { configure } from "@testing-library/react";

// Ant Design validates and animates asynchronously; a loaded machine needs more than a second.
configure({ asyncUtilTimeout: 10_000 });

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
