// The simulated BMS against the product's own charger link (pile-agent GbtChargerLink) over the
// in-memory pair on the fake clock, with a scripted power stage: an allowed VIN charges until the
// BMS stops at its SOC target (§4.7); a refused VIN never gets CRM 0xAA and the BMS's BEM
// F4 F0 F0 FC 5 s after its first BRM ends the session (§4.6 option 1, vector C).
import { describe, expect, it } from 'vitest';
import { GbtChargerLink, gbtChargerLinkConfig } from '../../../../pile-agent/drivers.js';
import { nullLogger } from '../../../../pile-agent/ports.js';
import { FakeClock } from '../../../../pile-agent/testing.js';
import { createInMemoryCanPair } from '../../transports/in-memory-can.js';
import { bstAtTargetSoc, noVin } from './behaviors/index.js';
import type { BmsSimConfig } from './bms-config.js';
import { GbtBmsSim } from './gbt-bms.sim.js';

async function session(config: BmsSimConfig, allow: boolean) {
  const clock = new FakeClock(0);
  const pair = createInMemoryCanPair({ clock });
  await pair.a.open();
  await pair.b.open();
  const decided: string[] = [];
  const link = new GbtChargerLink({
    can: pair.a,
    clock,
    logger: nullLogger,
    decide: (brm) => (decided.push(`${brm.vin}:${brm.vinStatus}`), allow ? { allow: true } : { allow: false, reason: 'vin-not-authorised' }),
    config: gbtChargerLinkConfig({}),
  });
  const sim = new GbtBmsSim({ can: pair.b, clock, logger: nullLogger, config });
  const ended: { outcome: string; reason: string; atMs: number }[] = [];
  const chargingClose: number[] = [];
  link.on('insulation-check', () => clock.setTimer(200, () => link.power({ type: 'insulation-result', ok: true })));
  link.on('prepare-output', () => clock.setTimer(300, () => link.power({ type: 'precharge-done', ok: true })));
  link.on('output', (o) => {
    if (o.action === 'set') {
      clock.setTimer(10, () => link.power({ type: 'output-measured', voltageDeciV: 5925, currentDeciA: o.currentDeciA, chargingTimeMin: 0, energyWh: 0 }));
    }
  });
  link.on('contactors', (c) => c.closed && c.purpose === 'charging' && chargingClose.push(clock.now()));
  link.on('ended', (e) => ended.push({ ...e, atMs: clock.now() }));
  sim.start();
  link.start();
  for (let t = 0; t < 60_000; t += 100) clock.advance(100);
  return { sim, link, ended, decided, chargingClose, trace: pair.trace };
}

describe('BMS simulator ⇄ pile-agent charger link', () => {
  it('§4.7 allowed VIN: identification, parameters, charging, BMS stop at its SOC target, statistics', async () => {
    const s = await session({ vin: 'LZYTBTE65K1012345', edition: '2015', behavior: bstAtTargetSoc(36), settings: { battery: { startSocPermille: 355 } } }, true);
    expect(s.decided).toEqual(['LZYTBTE65K1012345:valid']);
    expect(s.sim.observations.phases.map((p) => p.phase)).toEqual(['waiting', 'handshake', 'identification', 'parameters', 'ready', 'charging', 'stopping', 'ending', 'done']);
    expect(s.chargingClose.length).toBe(1);
    expect(s.ended).toMatchObject([{ outcome: 'stopped' }]);
    expect(s.ended[0].reason).toMatch(/socTargetReached/);
    expect(s.sim.observations.last.CST).toMatchObject({ bmsInitiated: 1 });
    expect(s.sim.observations.ignored).toEqual({ foreign: 0, bad: 0, byBehavior: 0 });
  });

  it('§4.6 refused VIN: CRM never 0xAA, BEM F4 F0 F0 FC after 5 s ends the session, no contactor closes for charging', async () => {
    const s = await session({ vin: 'LZYTBTE67K1012346', edition: '2015' }, false);
    expect(s.sim.observations.sawCrmAA).toBe(false);
    expect(s.chargingClose).toEqual([]);
    expect(s.ended).toMatchObject([{ outcome: 'refused', reason: 'vin-not-authorised' }]);
    const bem = s.trace.find((t) => t.frame.id === 0x081e56f4)!;
    const firstRts = s.trace.find((t) => t.frame.id === 0x1cec56f4)!;
    expect(bem.atMs - firstRts.atMs).toBe(5_000);
    expect(s.ended[0].atMs).toBe(bem.atMs);
  });

  it('a 2011 BMS without VIN: the charger falls back after the BHM wait and sees the VIN as absent', async () => {
    const s = await session({ vin: null, edition: '2011', behavior: noVin() }, true);
    expect(s.decided).toEqual(['null:absent']);
    expect(s.sim.observations.sawChm).toBe(true);
    expect(s.sim.observations.framesSent.BHM ?? 0).toBe(0);
    expect(s.sim.observations.phases.map((p) => p.phase)).toContain('charging');
  });
});
