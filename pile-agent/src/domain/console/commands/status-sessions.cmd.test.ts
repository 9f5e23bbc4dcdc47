// `status` and `sessions` against the fake context: connectors, GB/T phase, VIN, meter, cloud link,
// faults; open and recent sessions in terminal-aligned columns.
import { describe, expect, it } from 'vitest';
import { kit } from './command-test-kit.js';
import { aVin } from '../../authorization/whitelist.builders.js';

describe('status', () => {
  it('shows each connector with session, GB/T phase, VIN and vinStatus and meter; the cloud link; no faults', async () => {
    const { run } = kit();
    const r = await run('status');
    expect(r.ok).toBe(true);
    expect(r.lines).toEqual([
      'pile P-TEST-1, station S-TEST, profile sim',
      `connector 1: session charging (s-0001); GB/T charging S7; VIN ${aVin(1)} (valid); meter energy 123.456 kWh, power 60.000 kW, 650.000 V, 92.300 A`,
      'connector 2: session idle; GB/T idle S0; VIN -; meter -',
      'cloud link: offline (broker unreachable)',
      'faults: none',
    ]);
    expect(r.value).toMatchObject({ pile: { pileId: 'P-TEST-1' }, cloudLink: { state: 'offline' }, faults: [] });
  });

  it('lists active faults with the catalog severity, and a missing VIN by its status', async () => {
    const { ctx, run } = kit();
    ctx.connectorList[1] = { ...ctx.connectorList[1], sessionState: 'refused', gbt: { phase: 'refused', code: 'refused' }, vinStatus: 'absent' };
    ctx.activeFaults = [{ code: 'meter.comm-loss', source: 'meter-2', detail: 'timeout after 3 tries', sinceMs: Date.UTC(2026, 0, 1, 7, 59, 0) }];
    ctx.link = { state: 'connected' };
    const r = await run('status');
    expect(r.lines.slice(2)).toEqual([
      'connector 2: session refused; GB/T refused; VIN - (absent); meter -',
      'cloud link: connected',
      'faults: 1 active',
      '  meter.comm-loss [error] from meter-2: timeout after 3 tries, since 2026-01-01T07:59:00Z',
    ]);
  });
});

describe('sessions', () => {
  it('shows open and recent sessions as columns aligned for a terminal (a CJK plate is two columns per character)', async () => {
    const { run } = kit();
    const r = await run('sessions');
    expect(r.lines).toEqual([
      'open: 1',
      '  session  conn  state     mode  credential  vin                plate     started               energy     stop reason',
      `  s-0001   1     charging  4     vin-button  ${aVin(1)}  沪A32567  2026-01-01T00:00:00Z  1.500 kWh  -`,
      'recent: 1',
      '  session  conn  state     mode  credential     vin  plate     started               energy      stop reason',
      '  s-0000   2     finished  2     card:04A1B2C3  -    沪A32567  2025-12-31T22:00:00Z  80.250 kWh  card',
    ]);
    expect(r.value).toMatchObject({ open: [{ sessionId: 's-0001' }], recent: [{ sessionId: 's-0000' }] });
  });

  it('passes the count to the context and rejects a bad count', async () => {
    const { ctx, run } = kit();
    ctx.recentSessions = [...ctx.recentSessions, { ...ctx.recentSessions[0], sessionId: 's-older' }];
    expect((await run('sessions 1')).value).toMatchObject({ recent: [{ sessionId: 's-0000' }] });
    expect((await run('sessions 0')).lines).toEqual(['error: count must be at least 1, got 0; usage: sessions [count]']);
  });

  it('says so when there are none', async () => {
    const { ctx, run } = kit();
    ctx.openSessions = [];
    ctx.recentSessions = [];
    expect((await run('sessions')).lines).toEqual(['open: 0', 'recent: 0']);
  });
});
