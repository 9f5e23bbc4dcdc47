// Every shipped register map decodes each of its samples to the expected integer values through the
// same decoder and read plan the driver uses (house rule R7: a sample frame per map).
import { describe, expect, it } from 'vitest';
import { listMeterMaps, loadMeterMap } from '../../../../hw-profiles/index.js';
import { decodeQuantity, type MeterQuantity } from '../../protocols/modbus/register-decode.js';
import { planReads, wordsFromReads } from '../../protocols/modbus/read-plan.js';
import type { MeterRegisterMap } from './modbus-meter.driver.js';

const Q: Record<MeterQuantity, 'energyWh' | 'powerW' | 'voltageMv' | 'currentMa'> = {
  energy: 'energyWh',
  power: 'powerW',
  voltage: 'voltageMv',
  current: 'currentMa',
};

describe.each(listMeterMaps())('register map %s', (id) => {
  const map = loadMeterMap(id);
  const asDriverMap: MeterRegisterMap = map;

  it.each(map.samples.map((s, i) => [i, s.note, s] as const))('sample %i (%s) decodes to its expected values', (_i, _note, sample) => {
    const words = wordsFromReads(sample.blocks.map((b) => ({ req: { functionCode: b.functionCode, address: b.address, quantity: b.words.length }, words: b.words })));
    const got: Record<string, number> = {};
    for (const q of Object.keys(Q) as MeterQuantity[]) {
      const d = decodeQuantity(q, asDriverMap.registers[q], words);
      expect(d.ok, d.ok ? '' : d.error.message).toBe(true);
      if (d.ok) got[Q[q]] = d.value;
    }
    expect(got).toEqual(sample.expected);
  });

  it('plans at most two reads for a full reading', () => {
    expect(planReads(Object.values(map.registers), map.readPlan).length).toBeLessThanOrEqual(2);
  });
});
