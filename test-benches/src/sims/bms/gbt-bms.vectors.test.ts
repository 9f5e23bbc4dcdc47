// The simulated BMS's frames equal the reference vectors byte for byte (reference §7.1 vector A,
// §7.2 vector B), driven by the scripted charger on the fake clock over the in-memory pair.
import { describe, expect, it } from 'vitest';
import { harness, VECTOR_A_VIN } from './testing/bms-harness.js';

/** Vector A rows 4 and 6–12: RTS BRM 49/7 and DT 1–7 (VIN LZYTBTE65K1012345). */
const VECTOR_A_BRM = [
  '1CEC56F4#10310007FF000200', // RTS: 49 bytes, 7 packets, no CTS limit, PGN 0x000200
  '1CEB56F4#0101010003F00A80', // DT 1: V1.1, LFP, 280.0 Ah, voltage low 0x80
  '1CEB56F4#02164341544C0100', // DT 2: voltage high 0x16 (576.0 V), "CATL", serial lo
  '1CEB56F4#03000022060FD204', // DT 3: serial hi, 2019-06-15, count lo
  '1CEB56F4#040001FF4C5A5954', // DT 4: count hi (1234), owned, reserved, "LZYT"
  '1CEB56F4#0542544536354B31', // DT 5: "BTE65K1"
  '1CEB56F4#0630313233343501', // DT 6: "012345", sw serial 01
  '1CEB56F4#071403E707FFFFFF', // DT 7: sw 2023-03-20, reserved
];

/** Vector B rows 3 and 5–10: RTS BRM 41/6 and DT 1–6, V1.0, every optional field 0xFF. */
const VECTOR_B_BRM = [
  '1CEC56F4#10290006FF000200', // RTS: 41 bytes, 6 packets
  '1CEB56F4#0100010003D00700', // DT 1: V1.0, LFP, 200.0 Ah, voltage low 0x00
  '1CEB56F4#0215FFFFFFFFFFFF', // DT 2: voltage high 0x15 (537.6 V), optional fields FF
  '1CEB56F4#03FFFFFFFFFFFFFF', // DT 3
  '1CEB56F4#04FFFFFFFFFFFFFF', // DT 4: VIN starts at byte 5 (FF)
  '1CEB56F4#05FFFFFFFFFFFFFF', // DT 5
  '1CEB56F4#06FFFFFFFFFFFFFF', // DT 6: bytes 36–41 + 1 pad
];

describe('GB/T 27930 BMS simulator against the reference vectors', () => {
  it('§7.1 vector A: a 2015 BMS answers CHM with BHM 50 19 and sends rows 4, 6–12 as its BRM', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' });
    h.clock.advance(2_000);
    const frames = h.bmsFrames();
    expect(frames[0]).toBe('182756F4#5019'); // row 2: BHM 648.0 V
    const rts = frames.indexOf(VECTOR_A_BRM[0]);
    expect(rts).toBeGreaterThan(0);
    expect(frames.slice(rts, rts + 8)).toEqual(VECTOR_A_BRM);
    expect(h.charger.received.find((r) => r.msg.name === 'BRM')?.msg).toMatchObject({ vin: VECTOR_A_VIN, vinStatus: 'valid', edition: '2015' });
  });

  it('§7.1 vector A: BCP rows 15, 17, 18, BRO 00 then AA, BCL row 26, BSM row 33 with vector A battery data', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' });
    h.clock.advance(5_000);
    const frames = h.bmsFrames();
    const rts = frames.indexOf('1CEC56F4#100D0002FF000600'); // row 15: RTS BCP 13 / 2
    expect(rts).toBeGreaterThan(0);
    expect(frames.slice(rts + 1, rts + 3)).toEqual([
      '1CEB56F4#016D01F4014D0650', // row 17: 3.65 V, 350 A, 161.3 kWh, volt lo
      '1CEB56F4#0219695E011017FF', // row 18: 648.0 V, 55 °C, 35.0 %, 590.4 V, pad
    ]);
    const bro = frames.filter((l) => l.startsWith('100956F4#'));
    expect(bro[0]).toBe('100956F4#00'); // row 22
    expect(bro.at(-1)).toBe('100956F4#AA'); // row 23
    expect(frames).toContain('181056F4#5019D00702'); // row 26: BCL 648.0 V, 200 A, CC
    expect(frames).toContain('181356F4#1E52044E0B00D0'); // row 33: BSM all normal, permitted
    expect(h.sim.phase).toBe('charging');
  });

  it('§7.2 vector B: a 2011 BMS stays silent on CHM and sends rows 3, 5–10 after the CRM 0x00 fallback', async () => {
    const h = await harness({ vin: null, edition: '2011' }, { bhmWaitMs: 5_000 });
    h.clock.advance(4_900);
    expect(h.bmsFrames()).toEqual([]); // no BHM from a 2011 BMS (§2.6)
    expect(h.sim.observations.sawChm).toBe(true);
    h.clock.advance(600);
    expect(h.bmsFrames().slice(0, 7)).toEqual(VECTOR_B_BRM);
    expect(h.charger.received.find((r) => r.msg.name === 'BRM')?.msg).toMatchObject({ vinStatus: 'absent', edition: '2011', length: 41 });
  });

  it('§7.3 vector C: CRM stays 0x00, the BMS repeats BRM every 250 ms and sends BEM F4 F0 F0 FC 5 s after its first BRM', async () => {
    const h = await harness({ vin: 'LZYTBTE67K1012346', edition: '2015' }, { allow: false });
    h.clock.advance(15_000);
    const bus = h.bus();
    const firstRts = bus.find((b) => b.line === '<1CEC56F4#10310007FF000200')!;
    const firstBem = bus.find((b) => b.line === '<081E56F4#F4F0F0FC')!;
    expect(firstBem.atMs - firstRts.atMs).toBe(5_000);
    // rows 4–12 repeat every 250 ms until the BEM, each transfer completed by the charger's EndOfMsgAck
    const rtsTimes = bus.filter((b) => b.line === firstRts.line).map((b) => b.atMs);
    expect(rtsTimes.length).toBe(20);
    expect(rtsTimes.every((t, i) => t === firstRts.atMs + i * 250)).toBe(true);
    expect(h.sim.observations.tpCompleted.BRM).toBe(20);
    expect(h.sim.observations.sawCrmAA).toBe(false);
    // BEM every 250 ms for 5 s, then silence (no BCP, no BRO ever)
    const bems = bus.filter((b) => b.line === firstBem.line);
    expect(bems.length).toBe(20);
    expect(h.bmsFrames().some((l) => l.startsWith('100956F4'))).toBe(false);
    expect(h.sim.phase).toBe('done');
    expect(h.sim.observations.lastBem).toMatchObject({ crmAA: 1, crm00: 0 });
  });
});
