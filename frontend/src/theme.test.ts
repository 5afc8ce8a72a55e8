import { describe, expect, it } from "vitest";
import { theme as antdTheme } from "antd";
import { theme } from "./theme";

/** WCAG 2 contrast ratio of a colour (hex or rgba over bg) against an opaque background. */
function contrast(fg: string, bg: string): number {
  const rgb = (c: string): [number, number, number, number] => {
    const m = c.match(/rgba?\(\s*(\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\s*\)/);
    if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
    const h = c.replace("#", "");
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), 1];
  };
  const [br, bg_, bb] = rgb(bg);
  const [r, g, b, a] = rgb(fg);
  const mixed = [r * a + br * (1 - a), g * a + bg_ * (1 - a), b * a + bb * (1 - a)];
  const lum = (cs: number[]) => {
    const [R, G, B] = cs.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const l1 = lum(mixed);
  const l2 = lum([br, bg_, bb]);
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}

describe("the theme's text colours meet WCAG AA (4.5:1)", () => {
  const token = antdTheme.getDesignToken(theme) as unknown as Record<string, string>;
  const backgrounds = ["#ffffff", "#fafafa", "#f5f5f5"];
  it.each(["colorPrimary", "colorLink", "colorText", "colorTextSecondary", "colorTextTertiary", "colorTextDescription", "colorTextQuaternary", "colorTextPlaceholder", "colorSuccessText", "colorWarningText", "colorErrorText"])(
    "%s on white and the tables' greys",
    (name) => {
      for (const bg of backgrounds) expect(contrast(token[name], bg), `${name} ${token[name]} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    },
  );
  it.each(["green", "orange", "gold", "cyan", "lime", "yellow", "volcano", "blue", "red", "purple", "magenta", "geekblue"])("a %s tag's text on its background", (c) => {
    expect(contrast(token[`${c}7`], token[`${c}1`]), `${c}7 ${token[`${c}7`]} on ${c}1 ${token[`${c}1`]}`).toBeGreaterThanOrEqual(4.5);
  });
  it("white on the primary colour (primary buttons, the selected menu item)", () => {
    expect(contrast("#ffffff", token.colorPrimary)).toBeGreaterThanOrEqual(4.5);
  });
  it("antd's own defaults would fail, so the test can tell", () => {
    const stock = antdTheme.getDesignToken() as unknown as Record<string, string>;
    expect(contrast(stock.colorLink, "#ffffff")).toBeLessThan(4.5);
    expect(contrast(stock.colorTextDescription, "#ffffff")).toBeLessThan(4.5);
  });
});
