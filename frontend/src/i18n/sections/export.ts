// The export button's strings: zh is the source, en must have the same keys.
export const zh = {
  label: "导出",
  csv: "CSV",
  xlsx: "Excel",
  csvTitle: "导出为 CSV（UTF-8，Excel 可直接打开）",
  xlsxTitle: "导出为 Excel 工作簿（.xlsx）",
  started: "正在导出，文件较大时需要一些时间……",
  done: "已导出 {{name}}",
  incomplete: "导出中断，文件不完整，请重试。",
  error: {
    TOO_MANY_ROWS: "导出行数过多（{{got}} 行，上限 {{limit}} 行），请缩小筛选范围。",
    COMPLEXITY_LIMIT_EXCEEDED: "查询过于复杂，无法导出。",
    RESPONSE_TOO_LARGE: "单页数据过大，无法导出。",
  },
};

export const en: typeof zh = {
  label: "Export",
  csv: "CSV",
  xlsx: "Excel",
  csvTitle: "Export as CSV (UTF-8, opens in Excel)",
  xlsxTitle: "Export as an Excel workbook (.xlsx)",
  started: "Exporting; a large file takes a while…",
  done: "Exported {{name}}",
  incomplete: "The export was interrupted and the file is incomplete; try again.",
  error: {
    TOO_MANY_ROWS: "Too many rows to export ({{got}}, at most {{limit}}); narrow the filter.",
    COMPLEXITY_LIMIT_EXCEEDED: "The query is too complex to export.",
    RESPONSE_TOO_LARGE: "A page of the data is too large to export.",
  },
};
