// Accessibility strings: names read by screen readers and never shown. zh is the source, en must have the same keys.
export const zh = {
  expandColumn: "展开详情",
};

export const en: typeof zh = {
  expandColumn: "Details",
};
