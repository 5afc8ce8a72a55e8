// Accessibility checks with axe-core, run inside the page under test. The engine's
// source comes from node_modules (nothing from the internet), injected once per page.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const impacts = ["critical", "serious", "moderate", "minor"];

/**
 * Runs axe-core on the page as it is now and returns its violations grouped by impact:
 * { critical: [...], serious: [...], moderate: [...], minor: [...] }, each violation as axe
 * reports it ({ id, impact, help, helpUrl, nodes: [{ target, html, failureSummary }] }).
 */
export async function axe(page) {
  // page.evaluate runs through the debugging protocol, so the page's Content-Security-Policy
  // (script-src 'self') does not refuse the injected engine.
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.evaluate(source);
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
  const grouped = Object.fromEntries(impacts.map((i) => [i, []]));
  for (const v of violations) (grouped[v.impact] ?? grouped.minor).push(v);
  return grouped;
}

/** One line per violation: impact, rule, help and the first few elements it names. */
export function describe(violations, nodes = 3) {
  return violations.map((v) => {
    const targets = v.nodes.slice(0, nodes).map((n) => `      ${n.target.join(" ")}  ${n.html.slice(0, 140)}`).join("\n");
    const more = v.nodes.length > nodes ? `\n      … and ${v.nodes.length - nodes} more` : "";
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? "" : "s"})\n${targets}${more}`;
  }).join("\n");
}

/**
 * Asserts that axe finds no critical and no serious violation on the page, printing each one's
 * id, help and first elements when it fails. allowed lists rule ids known to fail here and
 * fixed elsewhere (they are printed, not failed). Returns the grouped violations, for counts.
 */
export async function expectAccessible(page, name, { allowed = [] } = {}) {
  const found = await axe(page);
  const blocking = [...found.critical, ...found.serious];
  const known = blocking.filter((v) => allowed.includes(v.id));
  const failing = blocking.filter((v) => !allowed.includes(v.id));
  if (known.length) console.log(`axe ${name}: known violations (allowed):\n${describe(known, 2)}`);
  assert.equal(failing.length, 0, `axe found ${failing.length} critical or serious violation(s) on ${name}:\n${describe(failing)}`);
  return found;
}
