// The simulated BMS's frames equal the reference vectors byte for byte (reference §7.1 vector A,
// §7.2 vector B), driven by the scripted charger on the fake clock over the in-memory pair.
import { describe, expect, it } from 'vitest';
import { VECTOR_A, VECTOR_B, VECTOR_C, type VectorRow } from '../../../../pile-agent/testing.js';
import { harness, VECTOR_A_VIN } from './testing/bms-harness.js';

/** Frames of the given rows of a §7 vector, as declared once in pile-agent's fixtures (`ID#DATA`). */
const rows = (vector: readonly VectorRow[], ...nums: number[]): string[] =>
  nums.map((n) => {
    const row = vector.find((r) => r.row === n);
    if (!row) throw new Error(`no row ${n}`);
    return row.frame;
  });

/** Vector A rows 4 and 6–12: RTS BRM 49/7 and DT 1–7 (VIN LZYTBTE65K1012345). */
const VECTOR_A_BRM = rows(VECTOR_A, 4, 6, 7, 8, 9, 10, 11, 12);
/** Vector B rows 3 and 5–10: RTS BRM 41/6 and DT 1–6, V1.0, every optional field 0xFF. */
const VECTOR_B_BRM = rows(VECTOR_B, 3, 5, 6, 7, 8, 9, 10);

describe('GB/T 27930 BMS simulator against the reference vectors', () => {
  it('§7.1 vector A: a 2015 BMS answers CHM with BHM 50 19 and sends rows 4, 6–12 as its BRM', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' });
    h.clock.advance(2_000);
    const frames = h.bmsFrames();
    expect(frames[0]).toBe(rows(VECTOR_A, 2)[0]); // row 2: BHM 648.0 V
    const rts = frames.indexOf(VECTOR_A_BRM[0]);
    expect(rts).toBeGreaterThan(0);
    expect(frames.slice(rts, rts + 8)).toEqual(VECTOR_A_BRM);
    expect(h.charger.received.find((r) => r.msg.name === 'BRM')?.msg).toMatchObject({ vin: VECTOR_A_VIN, vinStatus: 'valid', edition: '2015' });
  });

  it('§7.1 vector A: BCP rows 15, 17, 18, BRO 00 then AA, BCL row 26, BSM row 33 with vector A battery data', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' });
    h.clock.advance(5_000);
    const frames = h.bmsFrames();
    const rts = frames.indexOf(rows(VECTOR_A, 15)[0]); // row 15: RTS BCP 13 / 2
    expect(rts).toBeGreaterThan(0);
    expect(frames.slice(rts + 1, rts + 3)).toEqual(rows(VECTOR_A, 17, 18)); // 3.65 V, 350 A, 161.3 kWh, 648.0 V, 55 °C, 35.0 %, 590.4 V
    const bro = frames.filter((l) => l.startsWith('100956F4#'));
    expect([bro[0], bro.at(-1)]).toEqual(rows(VECTOR_A, 22, 23)); // BRO 00, then AA
    expect(frames).toContain(rows(VECTOR_A, 26)[0]); // BCL 648.0 V, 200 A, CC
    expect(frames).toContain(rows(VECTOR_A, 27)[0]); // RTS BCS 9 / 2
    expect(frames).toContain(rows(VECTOR_A, 33)[0]); // BSM all normal, permitted
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
    const [rts, bem] = rows(VECTOR_C, 4, 15);
    const firstRts = bus.find((b) => b.line === `<${rts}`)!;
    const firstBem = bus.find((b) => b.line === `<${bem}`)!;
    expect(rows(VECTOR_C, 6, 7, 8, 9, 10, 11, 12).every((l) => h.bmsFrames().includes(l))).toBe(true); // VIN …67K1012346
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
