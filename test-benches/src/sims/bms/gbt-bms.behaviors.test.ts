// Each named behaviour of the simulated BMS proven on the bus (reference §7.3, §7.4, §7.6), plus the
// behaviour hooks themselves (answer, delay, silence), with the scripted charger and the fake clock.
import { describe, expect, it } from 'vitest';
import { classifyVinText } from '../../../../pile-agent/protocols.js';
import { abortMidTransfer, badCheckDigit, bemOnCrmTimeout, bstAtTargetSoc, ctsIgnored, noVin, slowBrm } from './behaviors/index.js';
import { DEFAULT_BAD_VIN, withBadCheckDigit } from './behaviors/bad-check-digit.js';
import type { BmsBehavior } from './behaviors/behavior.js';
import { harness, sentAt, VECTOR_A_VIN } from './testing/bms-harness.js';

const RTS_BRM = '1CEC56F4#10310007FF000200';
const OLD_STYLE_ABORT_BRM = '1CEC56F4#FFFFFFFFFF000200';
const BEM_CRM_AA = '081E56F4#F4F0F0FC';
const brmOf = (h: Awaited<ReturnType<typeof harness>>) => h.charger.received.find((r) => r.msg.name === 'BRM')?.msg;

describe('BMS behaviours', () => {
  it('bem-on-crm-timeout (§4.3, vector C): BEM F4 F0 F0 FC exactly 5 s after the first BRM while CRM stays 0x00', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: bemOnCrmTimeout() }, { allow: false });
    h.clock.advance(12_000);
    const [firstBrm] = sentAt(h, RTS_BRM);
    const [firstBem] = sentAt(h, BEM_CRM_AA);
    expect(firstBem - firstBrm).toBe(5_000);
    expect(h.charger.received.filter((r) => r.msg.name === 'BRM').length).toBe(20); // BRM every 250 ms until then
    expect(h.sim.observations.sawCrm00).toBe(true);
  });

  it('no-vin (§2.2): BRM bytes 25–41 are 0xFF and the charger sees the VIN as absent', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: noVin() });
    h.clock.advance(2_000);
    expect(h.bmsFrames()).toContain('1CEB56F4#040001FFFFFFFFFF'); // DT 4: count hi, owned, reserved, VIN FF…
    expect(h.bmsFrames()).toContain('1CEB56F4#05FFFFFFFFFFFFFF');
    expect(brmOf(h)).toMatchObject({ vin: null, vinStatus: 'absent', length: 49 });
  });

  it('bad-check-digit (§3.6): a valid VIN goes out with a wrong position-9 digit', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: badCheckDigit() });
    h.clock.advance(2_000);
    expect(brmOf(h)).toMatchObject({ vin: 'LZYTBTE66K1012345', vinStatus: 'bad-check-digit' });
    expect(h.bmsFrames()).toContain('1CEB56F4#0542544536364B31'); // DT 5: "BTE66K1"
  });

  it('bad-check-digit: no VIN → the reference example with the wrong digit; wrong or non-VIN text is kept', () => {
    const cfg = badCheckDigit().configure!;
    expect(DEFAULT_BAD_VIN).toBe('LZYTBTE66K1012345');
    expect(classifyVinText(withBadCheckDigit('1M8GDM9AXKP042788'))).toBe('bad-check-digit'); // X → 0
    expect(withBadCheckDigit('LZYTBTE66K1012345')).toBe('LZYTBTE66K1012345');
    expect(withBadCheckDigit('NOT A VIN')).toBe('NOT A VIN');
    expect(cfg({ vin: null } as never).vin).toBe(DEFAULT_BAD_VIN);
  });

  it('slow-brm: the first BRM goes out 6 s after the first CRM 0x00; the 5 s CRM 0xAA timer starts there', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: slowBrm() }, { allow: false });
    h.clock.advance(20_000);
    const [firstCrm] = h
      .bus()
      .filter((b) => b.line.startsWith('>1801F456#00'))
      .map((b) => b.atMs);
    const [firstBrm] = sentAt(h, RTS_BRM);
    expect(firstBrm - firstCrm).toBe(6_000);
    expect(sentAt(h, BEM_CRM_AA)[0] - firstBrm).toBe(5_000);
  });

  it('slow-brm with a charger that waits: the session still reaches parameter configuration', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: slowBrm(2_000) });
    h.clock.advance(4_000);
    expect(h.sim.observations.sawCrmAA).toBe(true);
    expect(h.sim.phase).not.toBe('identification');
  });

  it('cts-ignored (§7.6): RTS three times 250 ms apart, then the old-style abort, no DT, then BEM 5 s after the first RTS', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: ctsIgnored() });
    h.clock.advance(7_000);
    const rts = sentAt(h, RTS_BRM);
    const t0 = rts[0];
    expect(rts.slice(0, 4).map((t) => t - t0)).toEqual([0, 250, 500, 1000]);
    expect(sentAt(h, OLD_STYLE_ABORT_BRM)[0] - t0).toBe(750);
    expect(sentAt(h, '1CEB56F4#')).toEqual([]); // never a data packet
    expect(h.sim.observations.tpControl.cts).toBe(0); // the BMS never heard one…
    expect(h.sim.observations.ignored.byBehavior).toBeGreaterThan(0); // …though the charger sent them
    expect(sentAt(h, BEM_CRM_AA)[0] - t0).toBe(5_000);
  });

  it('abort-mid-transfer (§7.4): DT 1–3 then FF FF FF FF FF 00 02 00; the next period sends the whole BRM', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: abortMidTransfer() });
    h.clock.advance(3_000);
    const frames = h.bmsFrames();
    const first = frames.indexOf(RTS_BRM);
    expect(frames.slice(first + 1, first + 5)).toEqual(['1CEB56F4#0101010003F00A80', '1CEB56F4#02164341544C0100', '1CEB56F4#03000022060FD204', OLD_STYLE_ABORT_BRM]);
    expect(sentAt(h, RTS_BRM)[1] - sentAt(h, RTS_BRM)[0]).toBe(250);
    expect(h.sim.observations.tpFailed[0]).toMatchObject({ message: 'BRM', reason: 'aborted-by-sender' });
    expect(brmOf(h)).toMatchObject({ vin: VECTOR_A_VIN });
    expect(h.sim.observations.sawCrmAA).toBe(true);
  });

  it('bst-at-target-soc (§4.7, vector A rows 34–37): BST 01 00 00 F0 at 80 %, CST answered, BSD 80 %, CSD → done', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: bstAtTargetSoc(80), settings: { battery: { startSocPermille: 795 } } }, { outputCurrentDeciA: 1985 });
    h.clock.advance(3_000);
    expect(h.sim.phase).toBe('charging');
    h.clock.advance(60_000);
    const [bst] = sentAt(h, '101956F4#010000F0');
    expect(bst).toBeGreaterThan(3_000);
    // 0.5 % of 280 Ah at 198.5 A ≈ 25.4 s of charging
    const charging = h.sim.observations.phases.find((p) => p.phase === 'charging')!.atMs;
    expect(bst - charging).toBeGreaterThan(25_000);
    expect(bst - charging).toBeLessThan(26_500);
    expect(h.sim.observations.last.CST).toMatchObject({ bmsInitiated: 1 });
    expect(
      h
        .bmsFrames()
        .find((l) => l.startsWith('181C56F4#'))
        ?.slice(9, 11),
    ).toBe('50'); // BSD SOC 80 %
    expect(h.sim.phase).toBe('done');
    expect(h.sim.observations.phases.map((p) => p.phase).slice(-3)).toEqual(['stopping', 'ending', 'done']);
  });
});

describe('behaviour hooks', () => {
  it('a behaviour can delay, silence and answer', async () => {
    const custom: BmsBehavior = {
      name: 'test',
      onOutbound: (seen) => (seen.message === 'BHM' ? { frames: [seen.frame], delayMs: 100 } : seen.message === 'BRM' ? { frames: [] } : undefined),
      onInbound: (seen) => (seen.kind === 'message' && seen.msg.name === 'CHM' ? { action: 'answer', frames: [{ id: 0x123, extended: false, data: Uint8Array.of(1) }], alsoAccept: true } : undefined),
    };
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: custom });
    h.clock.advance(2_000);
    const bus = h.bus();
    expect(bus[0].line).toBe('>1826F456#010100');
    expect(bus[1].line).toBe('<00000123#01'); // answered inside the CHM
    expect(sentAt(h, '182756F4#5019')[0]).toBe(100); // BHM delayed by 100 ms
    expect(sentAt(h, '1CEC56F4#')).toEqual([]); // BRM silenced
    expect(h.sim.observations.framesSent.BRM ?? 0).toBe(0);
  });

  it('with several behaviours, each configures in order and the first verdict wins', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: [noVin(), badCheckDigit()] }, null);
    expect(h.sim.settings.vin).toBe(DEFAULT_BAD_VIN); // no-vin cleared it, bad-check-digit filled the default
  });
});
