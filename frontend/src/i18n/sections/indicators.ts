// The indicators screen's strings: zh is the source, en must have the same keys.
export const zh = {};

export const en: typeof zh = {};
