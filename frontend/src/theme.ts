import type { ThemeConfig } from "antd";

/**
 * The app's Ant Design theme: the stock look with text colours that meet WCAG AA
 * contrast (4.5:1 for normal text) on white, on the tables' #fafafa headers and on
 * the tags' light backgrounds. antd's defaults are 4.1:1 for links and primary buttons
 * (#1677ff), 2.8:1 for secondary text (45% black) and 2-3.5:1 for green, orange and gold text.
 */
export const theme: ThemeConfig = {
  token: {
    // Links, primary buttons, the selected menu item, focus: blue-7, 6.2:1 on white.
    colorPrimary: "#0958d9",
    colorLink: "#0958d9",
    colorInfo: "#0958d9",
    // Secondary text (Typography type="secondary", descriptions, empty states): 62% black, 6:1 on white.
    colorTextSecondary: "rgba(0, 0, 0, 0.65)",
    colorTextTertiary: "rgba(0, 0, 0, 0.62)",
    colorTextDescription: "rgba(0, 0, 0, 0.62)",
    // Placeholders and labels of lesser weight: 56% black, 4.9:1 on white and 4.7:1 on #fafafa.
    colorTextQuaternary: "rgba(0, 0, 0, 0.56)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.56)",
    // Status text (Typography type="success|warning|danger", status tags): the darker shades.
    colorSuccessText: "#237804",
    colorWarningText: "#ad4e00",
    colorErrorText: "#cf1322",
    colorSuccess: "#389e0d",
    colorWarning: "#d46b08",
    colorError: "#cf1322",
    // Preset tag colours (<Tag color="green">) draw their text in shade 7 of each palette
    // on shade 1: shade 8 instead, 5:1 or more.
    green7: "#237804",
    orange7: "#ad4e00",
    gold7: "#874d00",
    cyan7: "#006d75",
    lime7: "#3f6600",
    yellow7: "#876800",
    volcano7: "#ad2102",
  },
};
