// Bad input never crashes the simulated BMS: junk and malformed frames from the charger are logged
// and ignored (reference §1.4 receiver advice, §7.6); CCS of DLC 6, 7 and 8 are all accepted (§2.4);
// the garbage-frames behaviour interleaves junk deterministically and a session still completes.
import { describe, expect, it } from 'vitest';
import { garbageFrames } from './behaviors/index.js';
import { harness, sendFromCharger, VECTOR_A_VIN } from './testing/bms-harness.js';

describe('robustness', () => {
  it('junk from the charger side is counted, logged and ignored; the session goes on', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' }, null);
    void h.pair.a.send({ id: 0x123, extended: false, data: Uint8Array.of(1, 2) }); // standard frame
    sendFromCharger(h, '18300456#0102'); // PGN 0x3000 between other addresses
    sendFromCharger(h, '1830F456#0102'); // unknown PGN to the BMS
    sendFromCharger(h, '1801F456#0040E201'); // CRM with DLC 4
    sendFromCharger(h, '1801F456#5540E20100FFFFFF'); // CRM result 0x55
    sendFromCharger(h, '182756F4#5019'); // a BMS message (BHM) echoed back: not addressed to the BMS
    sendFromCharger(h, '1C02F456#0101010003F00A80'); // BRM sent by the charger: wrong direction
    sendFromCharger(h, '1CECF456#1107'); // TP.CM with DLC 2
    expect(h.sim.observations.ignored).toMatchObject({ foreign: 4, bad: 4 });
    expect(h.logs.filter((r) => r.level === 'warn').length).toBe(4);
    expect(h.sim.phase).toBe('waiting');
    sendFromCharger(h, '1801F456#0040E20100FFFFFF');
    expect(h.sim.phase).toBe('identification');
  });

  it('§2.4 CCS with DLC 6 (2011), 7 and 8 all keep the BMS charging', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' }, null);
    sendFromCharger(h, '1801F456#0040E20100FFFFFF', '1801F456#AA40E20100FFFFFF', '1808F456#4C1DD007DC05A00F');
    h.clock.advance(500);
    sendFromCharger(h, '100AF456#AA');
    for (const ccs of ['1812F456#2517DF070C00', '1812F456#EF15CE090300FD', '1812F456#2517DF070C00FDFF']) {
      h.clock.advance(900);
      sendFromCharger(h, ccs);
    }
    h.clock.advance(900);
    expect(h.sim.phase).toBe('charging'); // no CCS timeout: each CCS restarted the 1 s timer
    expect(h.sim.observations.ignored.bad).toBe(0);
  });

  it('a failing channel send is logged, never thrown', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' }, null);
    await h.pair.b.close();
    sendFromCharger(h, '1826F456#010100'); // b is closed: hears nothing
    h.sim.requestStop({ otherFault: 1 });
    await h.pair.a.close();
    expect(() => h.clock.advance(1_000)).not.toThrow();
  });

  it('garbage-frames: junk before single frames and RTS only, reproducible by seed; the session still reaches charging', async () => {
    const run = async (seed: number) => {
      const h = await harness({ vin: VECTOR_A_VIN, edition: '2015', behavior: garbageFrames({ seed, probability: 0.5 }) });
      h.clock.advance(4_000);
      return h;
    };
    const h = await run(7);
    const frames = h.bmsFrames();
    // the BMS's own frames with their correct DLC: BHM 2, TP 8, BRO 1, BCL 5, BSM 7
    const own = /^(182756F4#.{4}|1CEC56F4#.{16}|1CEB56F4#.{16}|100956F4#.{2}|181056F4#.{10}|181356F4#.{14})$/;
    const junk = frames.filter((l) => !own.test(l));
    expect(junk.length).toBeGreaterThan(5);
    expect(frames.some((l) => /^00000[0-7]..#/.test(l))).toBe(true); // a standard 11-bit frame
    // never between the DT packets of a transfer
    frames.forEach((l, i) => {
      if (l.startsWith('1CEB56F4#') && !l.startsWith('1CEB56F4#01')) expect(frames[i - 1].startsWith('1CEB56F4#')).toBe(true);
    });
    expect(h.charger.decodeErrors.length).toBeGreaterThan(0); // the charger saw malformed GB/T frames
    expect(h.sim.phase).toBe('charging');
    expect((await run(7)).bmsFrames()).toEqual(frames);
    expect((await run(8)).bmsFrames()).not.toEqual(frames);
  });
});
