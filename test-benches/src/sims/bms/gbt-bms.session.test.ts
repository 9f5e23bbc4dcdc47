// The simulated BMS through charging, stops, run-time faults and its own receive timeouts (reference
// §4.3 BEM column, §4.5, §4.7), on the fake clock; the battery model under CCS current.
import { describe, expect, it } from 'vitest';
import { applyCcs, initialBattery, readBattery } from './bms-battery.model.js';
import { DEFAULT_BATTERY } from './bms-settings.js';
import { harness, sendFromCharger, sentAt, VECTOR_A_VIN, type Harness } from './testing/bms-harness.js';

const CRM00 = '1801F456#0040E20100FFFFFF';
const CRMAA = '1801F456#AA40E20100FFFFFF';
const CML = '1808F456#4C1DD007DC05A00F';
const CROAA = '100AF456#AA';
const CCS = '1812F456#2517DF070C00FDFF';
const CST_ANSWER = '101AF456#4000F0F0';

/** Drives a BMS by hand (no script) into charging: CRM 0x00, CRM 0xAA, CML, CRO 0xAA, one CCS. */
async function chargingByHand(): Promise<Harness> {
  const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' }, null);
  sendFromCharger(h, CRM00);
  sendFromCharger(h, CRMAA);
  sendFromCharger(h, CML);
  h.clock.advance(500); // BRO 0x00 → 0xAA
  sendFromCharger(h, CROAA, CCS);
  expect(h.sim.phase).toBe('charging');
  return h;
}

const lastFrame = (h: Harness, id: string) =>
  h
    .bmsFrames()
    .filter((l) => l.startsWith(`${id}#`))
    .at(-1);

describe('charging and stopping', () => {
  it('SOC rises with the current the charger reports in CCS (battery model)', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' }, { outputCurrentDeciA: 2000 });
    h.clock.advance(3_000);
    const start = h.sim.batteryReadings.socPermille;
    h.clock.advance(126_000); // 200 A × 126 s = 7 Ah = 2.5 % of 280 Ah
    expect(h.sim.batteryReadings.socPermille - start).toBeGreaterThanOrEqual(24);
    expect(h.sim.batteryReadings.socPermille - start).toBeLessThanOrEqual(26);
    expect(h.sim.batteryReadings.measuredCurrentDeciA).toBe(2000);
    expect(h.sim.observations.tpCompleted.BCS).toBeGreaterThan(400); // BCS by TP every 250 ms
  });

  it('battery model: no CCS, no charge; integration is piecewise constant and capped at 1 s gaps', () => {
    let b = initialBattery(DEFAULT_BATTERY, 2800);
    expect(readBattery(b, DEFAULT_BATTERY)).toMatchObject({ socPermille: 350, packVoltageDeciV: 5904, cellVoltageCentiV: 328 });
    b = applyCcs(b, DEFAULT_BATTERY, { outputCurrentDeciA: 2800, outputVoltageDeciV: 5925 }, 0);
    b = applyCcs(b, DEFAULT_BATTERY, { outputCurrentDeciA: 0, outputVoltageDeciV: 5925 }, 3_600_000); // 280 A for "1 h", capped to 1 s
    expect(readBattery(b, DEFAULT_BATTERY).socPermille).toBe(350); // 280 As of 1,008,000 As
    expect(readBattery(b, DEFAULT_BATTERY).measuredVoltageDeciV).toBe(5925);
  });

  it('§4.7 charger-initiated stop: CST 04 00 F0 F0 → BST 40 00 00 F0 every 10 ms, then BSD until CSD', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' });
    h.clock.advance(3_000);
    h.charger.localStop();
    h.clock.advance(2_000);
    const bst = sentAt(h, '101956F4#400000F0');
    expect(bst.length).toBeGreaterThanOrEqual(10);
    expect(bst[1] - bst[0]).toBe(10);
    expect(sentAt(h, '181C56F4#')[0]).toBeGreaterThan(bst.at(-1)!);
    expect(h.sim.observations.last.CST).toMatchObject({ manualStop: 1 });
    expect(h.sim.phase).toBe('done');
  });

  it('fault commands: insulation and pause show in BSM byte 7; clearing restores D0', async () => {
    const h = await charging();
    h.sim.raiseFault('insulation');
    h.clock.advance(250);
    expect(lastFrame(h, '181356F4')).toBe('181356F4#1E52044E0B00D1'); // 7.1–2 = 01 insulation abnormal
    h.sim.clearFault('insulation');
    h.sim.raiseFault('pause');
    h.clock.advance(250);
    expect(lastFrame(h, '181356F4')).toBe('181356F4#1E52044E0B00C0'); // 7.5–6 = 00 not permitted
    h.sim.raiseFault('over-temperature');
    h.sim.raiseFault('cell-voltage-low');
    h.clock.advance(250);
    expect(lastFrame(h, '181356F4')).toBe('181356F4#1E52044E0B42C0'); // byte 6: 6.1–2 = 10, 6.7–8 = 01
    for (const f of h.sim.activeFaults) h.sim.clearFault(f);
    h.clock.advance(250);
    expect(lastFrame(h, '181356F4')).toBe('181356F4#1E52044E0B00D0');
  });

  it('a BST fault command: requestStop({ insulationFault: 1 }) sends BST 00 01 00 F0', async () => {
    const h = await charging();
    h.sim.requestStop({ insulationFault: 1 });
    h.clock.advance(20);
    expect(lastFrame(h, '101956F4')).toBe('101956F4#000100F0');
  });

  async function charging(): Promise<Harness> {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' });
    h.clock.advance(3_000);
    expect(h.sim.phase).toBe('charging');
    return h;
  }
});

describe('the BMS own receive timeouts → BEM (§4.3)', () => {
  it('no CCS for 1 s → BEM F0 F0 F1 FC', async () => {
    const h = await chargingByHand();
    h.clock.advance(1_000);
    expect(sentAt(h, '081E56F4#F0F0F1FC')[0]).toBe(1_500);
    expect(h.sim.phase).toBe('error');
  });

  it('no CML within 5 s of BCP → BEM F0 F1 F0 FC', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' }, null);
    sendFromCharger(h, CRM00, CRMAA);
    h.clock.advance(5_000);
    expect(sentAt(h, '081E56F4#F0F1F0FC')).toEqual([5_000]);
  });

  it('no CRO within 5 s of BRO 0xAA → BEM F0 F4 F0 FC', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' }, null);
    sendFromCharger(h, CRM00, CRMAA, CML);
    h.clock.advance(5_500);
    expect(sentAt(h, '081E56F4#F0F4F0FC')).toEqual([5_500]);
  });

  it('no CST within 5 s of BST → BEM F0 F0 F4 FC', async () => {
    const h = await chargingByHand();
    h.sim.requestStop({ otherFault: 1 });
    for (let t = 0; t < 5_000; t += 500) {
      sendFromCharger(h, CCS);
      h.clock.advance(500);
    }
    expect(sentAt(h, '101956F4#000040F0').length).toBeGreaterThan(400); // BST 3.7–8 "other fault", every 10 ms
    expect(sentAt(h, '081E56F4#F0F0F4FC')).toEqual([5_500]);
  });

  it('no CSD within 10 s of BSD → BEM F0 F0 F0 FD', async () => {
    const h = await chargingByHand();
    sendFromCharger(h, CST_ANSWER);
    h.clock.advance(100); // BST for 100 ms, then BSD
    h.clock.advance(10_000);
    expect(sentAt(h, '081E56F4#F0F0F0FD')).toEqual([10_600]);
  });

  it('no CRM within 30 s of CHM → BEM F1 F0 F0 FC', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' }, null);
    sendFromCharger(h, '1826F456#010100');
    h.clock.advance(30_000);
    expect(sentAt(h, '081E56F4#F1F0F0FC')).toEqual([30_000]);
  });

  it('§4.5 a charger that keeps CRM 0x00 after the BEM gets identification restarted at most 3 times', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' }, { allow: false, onBem: 'ignore' });
    h.clock.advance(60_000);
    const phases = h.sim.observations.phases.map((p) => p.phase);
    expect(phases.filter((p) => p === 'identification').length).toBe(4);
    expect(phases.at(-1)).toBe('done');
    expect(h.sim.observations.phases.at(-1)!.reason).toMatch(/restart limit/);
  });

  it('§4.5 CEM: the BMS goes quiet and a new CRM 0x00 starts identification again', async () => {
    const h = await harness({ vin: VECTOR_A_VIN, edition: '2015' }, null);
    sendFromCharger(h, CRM00);
    h.clock.advance(300);
    sendFromCharger(h, '081FF456#FDF0C0FC');
    const before = h.bmsFrames().length;
    h.clock.advance(1_000);
    expect(h.bmsFrames().length).toBe(before);
    expect(h.sim.phase).toBe('waiting');
    sendFromCharger(h, CRM00);
    expect(h.sim.phase).toBe('identification');
  });
});
