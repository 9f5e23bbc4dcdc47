// The demo depot (`npm start` = `bench demo`): the scenario `test-benches/demo/depot.yaml` — a cloud on
// embedded defaults, two piles of two connectors as real agent processes on simulated hardware, buses
// of three fleets; every charging mode, a refusal of each kind (0 Wh to each refused bus), an operator
// registering an unknown VIN, a power cut — played by the scenario runner with its narration. Writes
// the screens the piles showed as PNGs and the company report as XLSX into the output folder, prints
// a timeline of who charged, why, who pays and whose record, then (`hold`) lets the caller keep the
// depot running before everything closes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CloudSession } from '../scenarios/scenario-expect.js';
import { formatIssue, loadScenarioFile } from '../scenarios/scenario-load.js';
import { runScenario, type ScenarioResult } from '../scenarios/scenario-runner.js';
import { ScreenRecorder } from '../scenarios/scenario-screens.js';
import type { ScenarioWorld } from '../scenarios/scenario-world.js';

export const DEMO_DEPOT_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../demo/depot.yaml');

export interface DepotDemoOptions {
  readonly say: (line: string) => void;
  /** Where the screens (screens/*.png) and company-report.xlsx go; created if missing. */
  readonly outDir: string;
  /** The cloud's HTTP port (0 or absent: a free one). */
  readonly httpPort?: number;
  /** Called with the running depot after the play (and the files); the depot closes when it resolves. */
  readonly hold?: (world: ScenarioWorld, ok: boolean) => Promise<void>;
}

export interface DepotDemo {
  readonly ok: boolean;
  readonly result: ScenarioResult;
  readonly screens: readonly string[];
  /** The company report (XLSX), null when the play did not get that far. */
  readonly reportFile: string | null;
}

const CREDENTIAL: Record<string, string> = { card: 'a card', password: 'the fixed password', 'vin-button': 'its VIN (VIN充电)', remote: 'a remote start' };

export async function runDepotDemo(o: DepotDemoOptions): Promise<DepotDemo> {
  const loaded = loadScenarioFile(DEMO_DEPOT_FILE);
  if (!loaded.ok) throw new Error(`the demo depot's file is invalid: ${loaded.issues.map(formatIssue).join('; ')}`);
  mkdirSync(o.outDir, { recursive: true });
  const screens = await ScreenRecorder.create(join(o.outDir, 'screens'));
  let reportFile: string | null = null;
  o.say('pilegate — the demo depot on this machine: the cloud (HTTP API, embedded MQTT broker, SQLite) and two piles on simulated hardware');
  o.say(`  files: ${o.outDir}`);
  const result = await runScenario(loaded.value, {
    say: o.say,
    screens,
    httpPort: o.httpPort,
    hold: async (world, ok) => {
      if (ok) {
        reportFile = join(o.outDir, 'company-report.xlsx');
        writeFileSync(reportFile, await world.download('/api/v1/reports/company?format=xlsx'));
        await timeline(world, o.say);
        o.say(`  company report → ${reportFile}`);
      }
      o.say('');
      o.say(`${ok ? 'DEMO OK' : 'DEMO FAILED'}: ${loaded.value.steps.length} steps, ${screens.written.length} screens in ${join(o.outDir, 'screens')}`);
      await o.hold?.(world, ok);
    },
  });
  if (!result.ok && result.error) o.say(`  ✗ ${result.error}`);
  return { ok: result.ok, result, screens: screens.written, reportFile };
}

/** Who charged, why, who pays and whose record: the cloud's sessions, one line each. */
async function timeline(world: ScenarioWorld, say: (line: string) => void): Promise<void> {
  const names = new Map(((await world.api('GET', '/api/v1/departments')) as { id: number; name: string }[]).map((d) => [d.id, d.name]));
  const members = new Map(((await world.api('GET', '/api/v1/members')) as { id: number; name: string }[]).map((m) => [m.id, m.name]));
  const sessions = ((await world.api('GET', '/api/v1/sessions')).items as CloudSession[]).slice().sort((a, b) => `${a.pileId}/${a.connectorId}`.localeCompare(`${b.pileId}/${b.connectorId}`));
  say('');
  say('  Timeline, as the cloud holds it:');
  for (const s of sessions) {
    const bus = s.plate ?? s.vin ?? 'a bus without VIN';
    const payer = s.payerKind === 'department' ? `the pool of ${names.get(s.payerId) ?? s.payerId}` : `member ${members.get(s.payerId) ?? s.payerId}`;
    const record = s.departmentId === null ? 'no company (unattributed)' : names.get(s.departmentId);
    say(
      `    ${s.pileId}/${s.connectorId}  ${bus}: mode ${s.mode} with ${CREDENTIAL[s.credentialKind] ?? s.credentialKind}; ${payer} pays ¥${(s.amountFen / 100).toFixed(2)} for ${(s.energyWh / 1000).toFixed(3)} kWh; record of ${record}; ended by ${s.stopReason}`,
    );
  }
  say('    every refused bus above got 0 Wh: each was refused before CRM 0xAA (the steps marked "refused")');
}
