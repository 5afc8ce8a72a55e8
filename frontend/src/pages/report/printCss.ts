// The report's look on screen (a sheet of paper) and in print (A4, without the app's frame).
export const reportCss = `
.jx-report-page { display: flex; flex-direction: column; align-items: center; gap: 16px; }
.jx-report-toolbar { width: 100%; max-width: 210mm; display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; }
.jx-report {
  width: 100%; max-width: 210mm; box-sizing: border-box; padding: 20mm 18mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0, 0, 0, 0.12);
  font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 15px; line-height: 1.9; color: #000;
}
.jx-report h1 { font-size: 22px; text-align: center; line-height: 1.5; margin: 0 0 24px; font-weight: bold; }
.jx-report h2 { font-size: 17px; margin: 20px 0 8px; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.jx-report h3 { font-size: 16px; margin: 14px 0 6px; font-family: "KaiTi", "Kaiti SC", serif; }
.jx-report h4 { font-size: 15px; margin: 10px 0 4px; font-weight: bold; }
.jx-report h5 { font-size: 15px; margin: 8px 0 4px; font-weight: normal; text-indent: 2em; }
.jx-report p { text-indent: 2em; margin: 0 0 6px; text-align: justify; }
.jx-report-runin { font-weight: normal; }
.jx-report-draft { background: #fffbe6; box-shadow: -4px 0 0 #faad14; }
.jx-report-tag { margin-left: 8px; text-indent: 0; font-family: sans-serif; font-weight: normal; vertical-align: middle; }
.jx-report-editor { display: flex; flex-direction: column; gap: 8px; margin: 4px 0 12px; padding: 8px; border: 1px dashed #d9d9d9; font-family: sans-serif; }
.jx-report-table caption { caption-side: top; text-align: center; font-weight: bold; padding: 4px 0; }
.jx-report-table { width: 100%; border-collapse: collapse; margin: 8px 0 12px; font-size: 12px; line-height: 1.5; }
.jx-report-table th, .jx-report-table td { border: 1px solid #000; padding: 3px 5px; vertical-align: middle; }
.jx-report-table th { background: #f2f2f2; font-weight: bold; }
.jx-report-table td.num { text-align: right; white-space: nowrap; }
.jx-report-table tr.total td { font-weight: bold; }
.jx-report-table-scroll { overflow-x: auto; }
@media screen and (max-width: 600px) {
  .jx-report { padding: 16px 12px; }
  .jx-report-table { min-width: 520px; }
}
@media print {
  @page { size: A4; margin: 25mm 20mm 20mm 20mm; }
  html, body { background: #fff !important; }
  .ant-layout-header, .jx-report-toolbar, .jx-no-print { display: none !important; }
  .ant-layout, .ant-layout-content { background: #fff !important; padding: 0 !important; min-height: 0 !important; }
  .jx-report-page { display: block; }
  .jx-report { max-width: none; padding: 0; box-shadow: none; font-size: 12pt; }
  .jx-report h1 { font-size: 16pt; }
  .jx-report h2, .jx-report h3, .jx-report h4, .jx-report h5 { break-after: avoid; page-break-after: avoid; }
  .jx-report p { orphans: 2; widows: 2; }
  .jx-report-draft { background: none; box-shadow: none; }
  .jx-report-table { font-size: 9pt; }
  .jx-report-table-scroll { overflow: visible; }
  .jx-report-table tr { break-inside: avoid; page-break-inside: avoid; }
  .jx-report-table thead { display: table-header-group; }
  .jx-report-table th { background: #f2f2f2 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
