import { Popover, Space, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

export type Light = "GREEN" | "YELLOW" | "RED";

export interface Step {
  code: string;
  params: { name: string; value: string }[];
}

const lightColor: Record<Light, string> = { GREEN: "#52c41a", YELLOW: "#faad14", RED: "#f5222d" };
const lights = new Set(["GREEN", "YELLOW", "RED"]);
const likelihoods = new Set(["LIKELY", "AT_RISK", "UNLIKELY"]);

/** One step of a computation as a sentence in the UI's language (codes and params from the server). */
export function stepText(t: TFunction, s: Step): string {
  const params: Record<string, string> = {};
  for (const p of s.params) {
    let v = p.value;
    if (lights.has(v)) v = t(`monitoring.light.${v}`);
    else if (likelihoods.has(v)) v = t(`monitoring.likelihood.${v}`);
    params[p.name] = v;
  }
  return t(`monitoring.steps.${s.code}`, { ...params, defaultValue: s.code });
}

/** The computation's steps, numbered. */
export function StepsList({ steps }: { steps: Step[] }) {
  const { t } = useTranslation();
  return (
    <ol style={{ margin: 0, paddingLeft: 20, maxWidth: 420 }} data-testid="monitoring-steps">
      {steps.map((s, i) => (
        <li key={i}>{stepText(t, s)}</li>
      ))}
    </ol>
  );
}

/** A traffic light: a colored dot with its name; the popover says how it was computed. */
export function LightDot({ light, steps, computed }: { light?: Light | null; steps: Step[]; computed?: Light | null }) {
  const { t } = useTranslation();
  const name = light ? t(`monitoring.light.${light}`) : t("monitoring.light.NONE");
  return (
    <Popover title={t("monitoring.how")} content={<StepsList steps={steps} />} trigger={["hover", "click"]}>
      <Space size={4} style={{ cursor: "help" }} data-testid="monitoring-light" data-light={light ?? "NONE"}>
        <span
          aria-hidden
          style={{
            display: "inline-block",
            width: 12,
            height: 12,
            borderRadius: 6,
            background: light ? lightColor[light] : "#d9d9d9",
          }}
        />
        <Typography.Text>{name}</Typography.Text>
        {computed && computed !== light && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({t("monitoring.overridden")}: {t(`monitoring.light.${computed}`)})
          </Typography.Text>
        )}
      </Space>
    </Popover>
  );
}
