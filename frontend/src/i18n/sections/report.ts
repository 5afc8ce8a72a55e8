// The report screen's strings: zh is the source, en must have the same keys. The report itself is
// written by the server, in Chinese (an official document); these are the screen around it.
export const zh = {
  print: "打印",
  word: "下载 Word",
  wordTitle: "下载本报告（.docx），按公文格式排版：A4、仿宋三号正文、页码",
  pdf: "下载 PDF",
  pdfTitle: "下载本报告（.pdf），字体已嵌入，可直接打印或公开",
  back: "返回评价",
  status: "状态：{{status}}",
  draftNote: "本评价尚未公开，报告中的数据可能仍会变动。",
  notFound: "未找到该评价，或您无权查看。",
  characters: "全文 {{n}} 字",
  draftTag: "系统草稿",
  draftLegend:
    "报告由系统根据数据生成。标有“系统草稿”的段落是系统拟写的初稿，部门尚未撰写本节文字；可点“编辑”修改后保存。陈述数据的语句随数据生成，不能在此修改。",
  edit: "编辑",
  editSection: "编辑“{{title}}”",
  save: "保存",
  cancel: "取消",
  saved: "已保存",
  useDraft: "恢复系统草稿",
  store: {
    REPORT_TEXT: "本节文字随本报告保存。",
    CONCLUSION: "本节文字即本评价的“自评结论”。",
    PROBLEMS: "本节文字即本评价的“存在的主要问题”。",
    IMPROVEMENTS: "本节文字即本评价的“下一步改进措施”。",
  },
  rating: { ACHIEVED: "达成", PARTIAL: "部分达成", NOT_ACHIEVED: "未达成" },
};

export const en: typeof zh = {
  print: "Print",
  word: "Download Word",
  wordTitle: "Download this report (.docx), laid out as an official document: A4, 仿宋 body, page numbers",
  pdf: "Download PDF",
  pdfTitle: "Download this report (.pdf) with its fonts embedded, ready to print or publish",
  back: "Back to the evaluation",
  status: "Status: {{status}}",
  draftNote: "This evaluation is not published yet; its figures may still change.",
  notFound: "This evaluation does not exist, or you may not read it.",
  characters: "{{n}} Chinese characters",
  draftTag: "Draft",
  draftLegend:
    "The server writes this report from the data. Paragraphs marked “Draft” are its first draft of a section the department has not written yet: edit and save them to make them the department's own. Sentences that state figures follow the data and cannot be edited here.",
  edit: "Edit",
  editSection: "Edit “{{title}}”",
  save: "Save",
  cancel: "Cancel",
  saved: "Saved",
  useDraft: "Back to the draft",
  store: {
    REPORT_TEXT: "This text is kept with the report.",
    CONCLUSION: "This text is the evaluation's conclusion.",
    PROBLEMS: "This text is the evaluation's problems found.",
    IMPROVEMENTS: "This text is the evaluation's improvement measures.",
  },
  rating: { ACHIEVED: "achieved", PARTIAL: "partly achieved", NOT_ACHIEVED: "not achieved" },
};
