// Minimal synthetic frames per message and the edition-dependent layouts (reference §2.6): CRM 2011
// (1-byte charger number + 6-byte region), CML 6, CCS 6/7, CSD 5; BRM partial lengths; BMV/BMT/BSP;
// encoders refusing values that do not fit (programmer errors).
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../../shared/hex.js';
import { AgentError } from '../../../shared/errors.js';
import { decodeMessage, encodeMessage, frameFor } from './index.js';
import { decodeCrm, encodeCrm } from './crm.js';
import { decodeBrm, encodeBrm } from './brm.js';
import { encodeCcs } from './ccs.js';
import { PGN_BY_NAME } from '../pgn-table.js';
import type { Bcl, Brm, Ccs, Cml, Csd, GbtMessage } from './types.js';

const roundTrip = (m: GbtMessage, edition?: '2011' | '2015') => {
  const e = encodeMessage(m, edition);
  const r = decodeMessage(e.pgn, e.data, { edition });
  expect(r.ok && r.value).toEqual(m);
  return toHex(e.data);
};

describe('§2.6 edition-dependent layouts', () => {
  it('CRM 2011: 1-byte charger number, 6-byte region', () => {
    const d = hex('AA 07 42 4A 31 32 33 34'); // AA recognised | 07 charger | "BJ1234"
    const r = decodeCrm(d, '2011');
    expect(r.ok && r.value).toEqual({ name: 'CRM', recognized: true, chargerNumber: 7, regionCode: 'BJ1234', edition: '2011' });
    if (r.ok) expect(toHex(encodeCrm(r.value))).toBe(toHex(d));
  });

  it('CRM 2015 with a region code; encoder can switch layout by edition', () => {
    const m = { name: 'CRM', recognized: false, chargerNumber: 1, regionCode: 'SZ1', edition: '2015' } as const;
    expect(roundTrip(m)).toBe('0001000000535A31'); // 00 | 01 00 00 00 | "SZ1"
    expect(toHex(encodeCrm({ ...m, regionCode: null }, '2011'))).toBe('0001FFFFFFFFFFFF');
  });

  it('CML: 8 bytes in 2015, 6 bytes (no minimum current) in 2011', () => {
    const m: Cml = { name: 'CML', maxOutputVoltageDeciV: 7500, minOutputVoltageDeciV: 2000, maxOutputCurrentDeciA: 2500, minOutputCurrentDeciA: null };
    expect(roundTrip(m, '2011')).toBe('4C1DD007DC05');
    expect(toHex(encodeMessage(m).data)).toBe('4C1DD007DC05FFFF'); // 2015 with no minimum: fill
  });

  it('CCS: DLC 7 as real 2015 chargers send it, paused = FC', () => {
    const m: Ccs = { name: 'CCS', outputVoltageDeciV: 5925, outputCurrentDeciA: 1985, chargingTimeMin: 12, permitted: false };
    const d = encodeCcs(m, '2015', 7);
    expect(toHex(d)).toBe('2517DF070C00FC');
    expect(decodeMessage(PGN_BY_NAME.CCS.pgn, d)).toEqual({ ok: true, value: m });
    expect(decodeMessage(PGN_BY_NAME.CCS.pgn, hex('2517DF070C0001'))).toMatchObject({ ok: true, value: { permitted: true } });
  });

  it('CSD: 5 bytes with a 1-byte charger number in 2011', () => {
    const m: Csd = { name: 'CSD', chargingTimeMin: 4, energyDeciKwh: 78, chargerNumber: 9 };
    expect(roundTrip(m, '2011')).toBe('04004E0009');
  });
});

describe('§2.2 BRM of any length ≥ 8', () => {
  const full = decodeBrm(hex('010100 03 F00A 8016 4341544C 01000000 22060F D20400 01 FF 4C5A595442544536354B3130313233343501 1403E707FFFFFF')); // vector A's 49-byte BRM (§3.5)
  it('reads only present fields: 24 bytes has no VIN, 41 has no software version', () => {
    expect(full.ok).toBe(true);
    if (!full.ok) return;
    const b24 = decodeBrm(encodeBrm({ ...full.value, length: 24 }));
    expect(b24.ok && b24.value).toMatchObject({ length: 24, manufacturer: 'CATL', chargeCount: 1234, vin: null, vinStatus: 'absent', softwareVersion: null });
    const b41 = decodeBrm(encodeBrm({ ...full.value, length: 41 }));
    expect(b41.ok && b41.value).toMatchObject({ length: 41, vin: 'LZYTBTE65K1012345', softwareVersion: null });
  });

  it('a VIN with a wrong check digit or foreign characters is classified, not rejected', () => {
    if (!full.ok) return;
    const bad = decodeBrm(encodeBrm({ ...full.value, vin: 'LZYTBTE66K1012345' }));
    expect(bad.ok && bad.value).toMatchObject({ vin: 'LZYTBTE66K1012345', vinStatus: 'bad-check-digit' });
    const junk = decodeBrm(encodeBrm({ ...full.value, vin: 'LZYTBTE6?K1012345' }));
    expect(junk.ok && junk.value).toMatchObject({ vin: null, vinStatus: 'malformed' });
  });

  it('garbage in optional fields gives null, never an error (month 13, property 7)', () => {
    if (!full.ok) return;
    const d = encodeBrm(full.value);
    d[17] = 13;
    d[22] = 7;
    const r = decodeBrm(d);
    expect(r.ok && r.value).toMatchObject({ productionDate: null, ownedByVehicle: null, vinStatus: 'valid' });
  });
});

describe('optional variable-length messages (§2.4)', () => {
  it('BMV, BMT and BSP round trip', () => {
    expect(
      roundTrip({
        name: 'BMV',
        cells: [
          { voltageCentiV: 332, group: 1 },
          { voltageCentiV: 330, group: 0 },
        ],
      }),
    ).toBe('4C114A01');
    expect(roundTrip({ name: 'BMT', temperaturesC: [28, 32, -10] })).toBe('4E5228');
    expect(roundTrip({ name: 'BSP', raw: '00112233445566778899AABBCCDDEEFF' })).toBe('00112233445566778899AABBCCDDEEFF');
  });
});

describe('encoders refuse values that do not fit (programmer errors throw AgentError)', () => {
  const bcl: Bcl = { name: 'BCL', voltageDemandDeciV: 6480, currentDemandDeciA: 2000, mode: 'constant-current' };
  it.each([
    ['current above 400 A', { ...bcl, currentDemandDeciA: 4001 }],
    ['negative voltage', { ...bcl, voltageDemandDeciV: -1 }],
    ['fractional voltage', { ...bcl, voltageDemandDeciV: 6480.5 }],
  ])('BCL with %s', (_n, m) => {
    expect(() => encodeMessage(m as Bcl)).toThrow(AgentError);
  });

  it('frameFor refuses a message that needs TP', () => {
    const bcs = { name: 'BCS', measuredVoltageDeciV: 1, measuredCurrentDeciA: 0, highestCellVoltageCentiV: 1, highestCellGroup: 0, socPercent: 1, remainingMin: 1 } as const;
    expect(() => frameFor(bcs)).toThrow(AgentError);
  });

  it('BRM length below 8 is refused', () => {
    expect(() => encodeBrm({ length: 7 } as Brm)).toThrow(AgentError);
  });
});
