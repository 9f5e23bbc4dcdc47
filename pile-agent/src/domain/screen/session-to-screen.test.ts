// Table test of the session → screen mapping: every session phase of the selected connector, the
// idle buttons the profile / station allow, the keypad overlay, dismissed summaries, the offline badge.
// biome-ignore-all format: rows laid out by hand, one table row per line or two
import { describe, expect, it } from 'vitest';
import { connectorStatus, sessionToScreen, type ConnectorFacts, type PileFacts, type ScreenUi } from './session-to-screen.js';

const T0 = Date.parse('2026-11-25T08:00:00Z');
const SESSION = { credentialKind: 'vin-button', vin: 'LFV2A21K8G3000101', plate: '沪A32567', startedAtMs: T0, stoppedAtMs: null, stopReason: null, stopDetail: null, energyWh: null };
const c1 = (over: Partial<ConnectorFacts> = {}): ConnectorFacts => ({
  id: 1, phase: 'idle', reason: null, energyWh: null, keypadLocked: false, faults: [], session: null, meter: null, socPct: null, gbtVin: null, ...over,
});
const pile = (over: Partial<PileFacts> = {}): PileFacts => ({
  title: 'P1', online: false, vinCharge: true, fixedPassword: false, nowMs: T0 + 95_000, maxDigits: 8, keypadLockedForS: null, connectors: [c1()],
  tariff: null, utcOffsetMinutes: 480, ...over,
});
const UI: ScreenUi = { selectedConnectorId: 1, keypad: null, dismissed: [] };

const cases: Array<{ name: string; pile: PileFacts; ui?: ScreenUi; expect: Record<string, unknown> }> = [
  { name: 'idle with VIN charge, no fixed password', pile: pile(), expect: { view: 'idle', vinCharge: true, fixedPassword: false, selectedConnectorId: 1 } },
  { name: 'idle without features.vinCharge, with a cached fixed password', pile: pile({ vinCharge: false, fixedPassword: true }), expect: { view: 'idle', vinCharge: false, fixedPassword: true } },
  { name: 'authorizing a VIN button press', pile: pile({ connectors: [c1({ phase: 'authorizing' })] }), expect: { view: 'authorizing', method: 'card' } },
  { name: 'connecting before BRM: reading VIN', pile: pile({ connectors: [c1({ phase: 'connecting', session: SESSION })] }), expect: { view: 'connecting', step: 'reading-vin', method: 'vin-button' } },
  { name: 'connecting after BRM: authorizing the VIN', pile: pile({ connectors: [c1({ phase: 'connecting', session: SESSION, gbtVin: SESSION.vin })] }), expect: { view: 'authorizing', vin: SESSION.vin, method: 'vin-button' } },
  {
    name: 'charging with meter figures and elapsed time',
    pile: pile({ connectors: [c1({ phase: 'charging', session: SESSION, energyWh: 1234, meter: { powerW: 60_000, voltageMv: 600_000, currentMa: -100_000 }, socPct: 55 })] }),
    expect: { view: 'charging', energyWh: 1234, powerW: 60_000, voltageMv: 600_000, currentMa: 100_000, socPct: 55, elapsedS: 95, plate: '沪A32567', costFen: null },
  },
  {
    name: 'charging with the station tariff: the cost so far in fen (1.234 kWh × 100 fen/kWh)',
    pile: pile({ tariff: { fenPerKwh: 100, periods: [] }, connectors: [c1({ phase: 'charging', session: SESSION, energyWh: 1234, socPct: 55 })] }),
    expect: { view: 'charging', energyWh: 1234, costFen: 123, socPct: 55 },
  },
  {
    name: 'charging in a time-of-use period: the period\'s rate (16:00 CST is 08:00Z, in 峰 08:00–12:00 at 150)',
    pile: pile({ tariff: { fenPerKwh: 100, periods: [{ start: '08:00', end: '12:00', fenPerKwh: 150 }] }, utcOffsetMinutes: 0, connectors: [c1({ phase: 'charging', session: SESSION, energyWh: 10_000 })] }),
    expect: { view: 'charging', costFen: 1500 },
  },
  {
    name: 'receipt with the tariff: the final cost',
    pile: pile({ tariff: { fenPerKwh: 120, periods: [] }, connectors: [c1({ phase: 'finished', reason: 'bms-full', energyWh: 50_000, session: { ...SESSION, stoppedAtMs: T0 + 3_600_000, stopReason: 'bms-full' } })] }),
    expect: { view: 'receipt', energyWh: 50_000, costFen: 6000 },
  },
  { name: 'stopping after a VIN refusal at BRM shows the refusal', pile: pile({ connectors: [c1({ phase: 'stopping', reason: 'vin-unregistered', session: SESSION })] }), expect: { view: 'refused', reason: 'vin-unregistered' } },
  { name: 'stopping a charging session stays on charging', pile: pile({ connectors: [c1({ phase: 'stopping', session: SESSION })] }), expect: { view: 'charging' } },
  {
    name: 'finished after vin-refused: refused with the decision reason',
    pile: pile({ connectors: [c1({ phase: 'finished', reason: 'vin-refused', session: { ...SESSION, stopReason: 'vin-refused', stopDetail: 'vin-unregistered' } })] }),
    expect: { view: 'refused', reason: 'vin-unregistered' },
  },
  {
    name: 'finished: receipt',
    pile: pile({ connectors: [c1({ phase: 'finished', reason: 'stop-password', energyWh: 800, session: { ...SESSION, stoppedAtMs: T0 + 60_000, stopReason: 'stop-password' } })] }),
    expect: { view: 'receipt', energyWh: 800, durationS: 60, stopReason: 'stop-password', plate: '沪A32567' },
  },
  { name: 'finished but dismissed: idle', pile: pile({ connectors: [c1({ phase: 'finished', reason: 'remote' })] }), ui: { ...UI, dismissed: [1] }, expect: { view: 'idle' } },
  { name: 'refused at the credential stage', pile: pile({ connectors: [c1({ phase: 'refused', reason: 'card-unknown' })] }), expect: { view: 'refused', reason: 'card-unknown' } },
  { name: 'faulted', pile: pile({ connectors: [c1({ phase: 'faulted', faults: ['meter.comm-loss'] })] }), expect: { view: 'fault', connectorId: 1, faults: ['meter.comm-loss'] } },
  {
    name: 'keypad open over charging: digit count only',
    pile: pile({ connectors: [c1({ phase: 'charging', session: SESSION })] }), ui: { ...UI, keypad: { connectorId: 1, purpose: 'stop', digitCount: 3 } },
    expect: { view: 'keypad', purpose: 'stop', digitCount: 3, maxDigits: 8, lockedForS: null },
  },
  { name: 'keypad while locked', pile: pile({ keypadLockedForS: 120, connectors: [c1({ keypadLocked: true })] }), ui: { ...UI, keypad: { connectorId: 1, purpose: 'start', digitCount: 0 } }, expect: { view: 'keypad', triesLeft: 0, lockedForS: 120 } },
];

describe('sessionToScreen', () => {
  for (const t of cases)
    it(t.name, () => {
      expect(sessionToScreen(t.pile, t.ui ?? UI).view).toMatchObject(t.expect);
    });

  it('shows the selected connector and every gun\'s status on idle; the offline badge follows the cloud link', () => {
    const p = pile({ online: true, connectors: [c1({ phase: 'charging' }), c1({ id: 2 })] });
    const s = sessionToScreen(p, { ...UI, selectedConnectorId: 2 });
    expect(s.common).toEqual({ title: 'P1', online: true });
    expect(s.view).toMatchObject({ view: 'idle', selectedConnectorId: 2, connectors: [{ id: 1, status: 'charging' }, { id: 2, status: 'available' }] });
  });

  it('maps phases to connector statuses', () => {
    expect(['idle', 'authorizing', 'connecting', 'charging', 'stopping', 'finished', 'refused', 'faulted'].map((p) => connectorStatus(p as never)))
      .toEqual(['available', 'plugged', 'plugged', 'charging', 'finishing', 'finishing', 'available', 'faulted']);
  });
});
