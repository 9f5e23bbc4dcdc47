// The PGN table against the complete identifier table of reference §1.5 (and its typo warnings).
import { describe, expect, it } from 'vitest';
import { encodeCanId } from './can-id.js';
import { BMS_ADDRESS, CHARGER_ADDRESS, PGN_BY_NAME, PGN_TABLE } from './pgn-table.js';

const IDS: Record<string, number> = {
  CHM: 0x1826f456,
  BHM: 0x182756f4,
  CRM: 0x1801f456,
  BRM: 0x1c0256f4,
  BCP: 0x1c0656f4,
  CTS: 0x1807f456,
  CML: 0x1808f456,
  BRO: 0x100956f4,
  CRO: 0x100af456,
  BCL: 0x181056f4,
  BCS: 0x1c1156f4,
  CCS: 0x1812f456,
  BSM: 0x181356f4,
  BMV: 0x1c1556f4,
  BMT: 0x1c1656f4,
  BSP: 0x1c1756f4,
  BST: 0x101956f4,
  CST: 0x101af456,
  BSD: 0x181c56f4,
  CSD: 0x181df456,
  BEM: 0x081e56f4,
  CEM: 0x081ff456,
};

describe('PGN table (reference §2.1, §1.5)', () => {
  it('has the 22 messages of §2.1, each once', () => {
    expect(PGN_TABLE.map((e) => e.name).sort()).toEqual(Object.keys(IDS).sort());
  });

  it.each(Object.entries(IDS))('§1.5: %s has CAN id %s', (name, id) => {
    const e = PGN_BY_NAME[name as keyof typeof PGN_BY_NAME];
    const [source, destination] = e.from === 'charger' ? [CHARGER_ADDRESS, BMS_ADDRESS] : [BMS_ADDRESS, CHARGER_ADDRESS];
    expect(encodeCanId({ priority: e.priority, pgn: e.pgn, source, destination })).toBe(id);
  });

  it('§1.5 typo warnings: BSM 0x001300, BSD 7168, CSD 7424, CEM priority 2', () => {
    expect(PGN_BY_NAME.BSM.pgn).toBe(0x1300);
    expect(PGN_BY_NAME.BSD.pgn).toBe(7168);
    expect(PGN_BY_NAME.CSD.pgn).toBe(7424);
    expect(PGN_BY_NAME.CEM.priority).toBe(2);
  });

  it('only BMS messages travel by TP (§3.1: no charger message is longer than 8 bytes)', () => {
    expect(PGN_TABLE.filter((e) => e.tp).every((e) => e.from === 'bms')).toBe(true);
    expect(PGN_TABLE.filter((e) => e.tp).map((e) => e.name)).toEqual(['BRM', 'BCP', 'BCS', 'BMV', 'BMT', 'BSP']);
  });
});
