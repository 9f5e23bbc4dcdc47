// A JUnit XML report of scenario runs, for CI: one testsuite, one testcase per scenario, a failure
// element carrying the failed step and what it saw, the steps as system-out. Pure.
import type { ScenarioResult } from './scenario-runner.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function junitXml(results: readonly ScenarioResult[]): string {
  const failures = results.filter((r) => !r.ok).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const cases = results.map((r) => {
    const steps = r.steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} line ${s.line} ${s.kind}: ${s.text}`).join('\n');
    const failure = r.ok ? '' : `\n    <failure message="${esc(r.error ?? 'failed')}"/>`;
    return `  <testcase classname="scenarios" name="${esc(r.file)}" time="${seconds(r.ms)}">${failure}\n    <system-out>${esc(`${r.scenario}\n${steps}`)}</system-out>\n  </testcase>`;
  });
  const total = results.reduce((a, r) => a + r.ms, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="pilegate scenarios" tests="${results.length}" failures="${failures}" time="${seconds(total)}">\n${cases.join('\n')}\n</testsuite>\n`;
}
