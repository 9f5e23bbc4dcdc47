// `selftest`: one line per device the profile declares, with a verdict and why: each connector's
// CAN link (open, no CAN fault naming it), each meter (a read now), the card reader (started, no
// reader.offline fault) and the screen (available, no screen.unavailable fault). PASS / FAIL /
// SKIP (not in the profile). The result fails when any line fails.
import { formatMeter } from '../format.js';
import type { ConsoleFault, ConsoleContext } from '../console-context.js';
import type { ConsoleCommand } from '../console-io.js';

export type Verdict = 'PASS' | 'FAIL' | 'SKIP';

export interface SelftestLine {
  readonly item: string;
  readonly verdict: Verdict;
  readonly why: string;
}

const names = (source: string, connectorId: number): boolean => new RegExp(`(^|\\D)${connectorId}(\\D|$)`).test(source);

function faultText(f: ConsoleFault): string {
  return `${f.code} from ${f.source}${f.detail ? `: ${f.detail}` : ''}`;
}

export async function runSelftest(ctx: ConsoleContext): Promise<SelftestLine[]> {
  const devices = ctx.devices();
  const faults = ctx.faults();
  const out: SelftestLine[] = [];
  if (devices.can.length === 0) out.push({ item: 'CAN link', verdict: 'SKIP', why: 'no CAN link in this profile' });
  for (const c of devices.can) {
    const item = `CAN link c${c.connectorId} (${c.transport})`;
    const fault = faults.find((f) => f.code.startsWith('can.') && names(f.source, c.connectorId));
    if (c.state !== 'open') out.push({ item, verdict: 'FAIL', why: `${c.state}${c.detail ? `: ${c.detail}` : ''}` });
    else if (fault) out.push({ item, verdict: 'FAIL', why: faultText(fault) });
    else out.push({ item, verdict: 'PASS', why: 'open, no CAN fault' });
  }
  if (devices.meters.length === 0) out.push({ item: 'meter', verdict: 'SKIP', why: 'no meter in this profile' });
  for (const m of devices.meters) {
    const item = `meter c${m.connectorId} (${m.description})`;
    const r = await ctx.readMeter(m.connectorId);
    out.push(r.ok ? { item, verdict: 'PASS', why: formatMeter(r.value) } : { item, verdict: 'FAIL', why: `${r.error.code}: ${r.error.message}` });
  }
  const reader = devices.reader;
  if (!reader) out.push({ item: 'card reader', verdict: 'SKIP', why: 'no card reader in this profile' });
  else {
    const item = `card reader (${reader.description})`;
    const fault = faults.find((f) => f.code === 'reader.offline');
    if (!reader.started) out.push({ item, verdict: 'FAIL', why: 'not started' });
    else if (fault) out.push({ item, verdict: 'FAIL', why: faultText(fault) });
    else out.push({ item, verdict: 'PASS', why: 'polling, no reader fault' });
  }
  const screen = devices.screen;
  if (!screen) out.push({ item: 'screen', verdict: 'SKIP', why: 'no screen in this profile' });
  else {
    const item = `screen (${screen.description})`;
    const fault = faults.find((f) => f.code === 'screen.unavailable');
    if (fault) out.push({ item, verdict: 'FAIL', why: faultText(fault) });
    else if (!screen.available) out.push({ item, verdict: 'FAIL', why: 'display not opened' });
    else out.push({ item, verdict: 'PASS', why: 'display open, no screen fault' });
  }
  return out;
}

export const selftestCommand: ConsoleCommand = {
  name: 'selftest',
  help: 'check the CAN links, meters, card reader and screen: PASS/FAIL/SKIP with the reason',
  async handler(_args, ctx) {
    const results = await runSelftest(ctx);
    const count = (v: Verdict) => results.filter((r) => r.verdict === v).length;
    const lines = results.map((r) => `${r.verdict} ${r.item}: ${r.why}`);
    lines.push(`selftest: ${count('PASS')} PASS, ${count('FAIL')} FAIL, ${count('SKIP')} SKIP`);
    return { ok: count('FAIL') === 0, lines, value: results };
  },
};
