import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import zhCN from "./zh-CN";
import en from "./en";
import * as departmentYear from "./sections/departmentYear";
import * as indicators from "./sections/indicators";
import * as evaluation from "./sections/evaluation";
import * as dashboards from "./sections/dashboards";
import * as report from "./sections/report";
import * as errors from "./sections/errors";
import * as exportSection from "./sections/export";
import * as forms from "./sections/forms";
import * as warnings from "./sections/warnings";
import * as rules from "./sections/rules";
import * as library from "./sections/library";
import * as targets from "./sections/targets";
import * as explain from "./sections/explain";
import * as whatIf from "./sections/whatIf";
import * as evidence from "./sections/evidence";
import * as rounds from "./sections/rounds";
import * as review from "./sections/review";
import * as monitoring from "./sections/monitoring";
import * as notify from "./sections/notify";
import * as lists from "./sections/lists";
import * as admin from "./sections/admin";
import * as publicSite from "./sections/public";
import * as a11y from "./sections/a11y";
import * as layout from "./sections/layout";

// Each screen keeps its strings in its own section file (sections/*.ts), under its own key.
const sections = { departmentYear, indicators, evaluation, dashboards, report, errors, export: exportSection, forms, warnings, rules, library, targets, explain, whatIf, evidence, rounds, review, monitoring, notify, lists, admin, public: publicSite, a11y, layout };

const pick = (lang: "zh" | "en") =>
  Object.fromEntries(Object.entries(sections).map(([name, s]) => [name, s[lang]]));

export type Language = "zh-CN" | "en";

const storageKey = "jixiao.language";

/** The language chosen last time, Chinese by default. */
export function savedLanguage(): Language {
  return localStorage.getItem(storageKey) === "en" ? "en" : "zh-CN";
}

/** Switches the UI language and remembers the choice. */
export function setLanguage(lang: Language) {
  localStorage.setItem(storageKey, lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

void i18n.use(initReactI18next).init({
  resources: {
    "zh-CN": { translation: { ...zhCN, ...pick("zh") } },
    en: { translation: { ...en, ...pick("en") } },
  },
  lng: savedLanguage(),
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
});
// <html lang> follows the language from the first page load (screen readers pick their voice by it).
document.documentElement.lang = savedLanguage();

// <html lang> follows the language, from the first paint (screen readers and fonts read it), and on every change.
document.documentElement.lang = savedLanguage();
i18n.on("languageChanged", (lng) => {
  document.documentElement.lang = lng.startsWith("en") ? "en" : "zh-CN";
});

export default i18n;
