import type { ReactNode } from "react";
import { Tag } from "antd";
import type { TFunction } from "i18next";
import type { EvaluationStatus, Grade } from "../../gql/graphql";
import { formatDecimal } from "../../lib/format";
import { beijing } from "../rounds/deadline";

/** An amount in 万元 exactly as the API gives it: two places, or all of them when it has more (1 分 is the 6th). */
export function money(value: string | null | undefined): string {
  if (value == null || value === "") return "—";
  const places = value.split(".")[1]?.length ?? 0;
  return formatDecimal(value, Math.max(2, places));
}

/** Quieter text that still meets AA contrast on white (antd's secondary text does not: 0.45 black). */
export const MUTED = "#595959";

export function Muted({ children }: { children: ReactNode }) {
  return <span style={{ color: MUTED }}>{children}</span>;
}

/** An instant in Beijing time, as the finance bureau reads it. */
export const when = (iso: string | null | undefined) => beijing(iso);

// Tags in dark text on a light ground (antd's darkest shades): AA contrast, unlike the preset colours.
const tones = {
  grey: { color: "#262626", background: "#fafafa", borderColor: "#d9d9d9" },
  blue: { color: "#003a8c", background: "#e6f4ff", borderColor: "#91caff" },
  orange: { color: "#873800", background: "#fff7e6", borderColor: "#ffd591" },
  green: { color: "#135200", background: "#f6ffed", borderColor: "#b7eb8f" },
  cyan: { color: "#00474f", background: "#e6fffb", borderColor: "#87e8de" },
  red: { color: "#820014", background: "#fff1f0", borderColor: "#ffa39e" },
} as const;

export type Tone = keyof typeof tones;

/** A short state in a coloured tag that keeps AA contrast. */
export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={tones[tone]}>{children}</Tag>;
}

const statusTone: Record<EvaluationStatus, Tone> = {
  DRAFT: "grey",
  SUBMITTED: "blue",
  RETURNED: "orange",
  APPROVED: "green",
  PUBLISHED: "cyan",
};

export function StatusTag({ t, status }: { t: TFunction; status: EvaluationStatus | null | undefined }) {
  if (!status) return <>—</>;
  return <ToneTag tone={statusTone[status]}>{t(`status.${status}`)}</ToneTag>;
}

const gradeTone: Record<Grade, Tone> = { EXCELLENT: "green", GOOD: "blue", FAIR: "orange", POOR: "red" };

export function GradeTag({ t, grade }: { t: TFunction; grade: Grade | null | undefined }) {
  if (!grade) return <>—</>;
  return <ToneTag tone={gradeTone[grade]}>{t(`grade.${grade}`)}</ToneTag>;
}

export const STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"] as const satisfies readonly EvaluationStatus[];
export const GRADE_VALUES = ["EXCELLENT", "GOOD", "FAIR", "POOR"] as const satisfies readonly Grade[];
