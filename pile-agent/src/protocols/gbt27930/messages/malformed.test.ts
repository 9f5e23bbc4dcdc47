// Every malformed input maps to a named error (STYLE R1 item 3): short, bad length, out of range,
// unknown PGN. Each row: PGN, payload, expected error code.
import { describe, expect, it } from 'vitest';
import { hex } from '../../../shared/hex.js';
import { PGN_BY_NAME } from '../pgn-table.js';
import { decodeMessage } from './index.js';
import type { GbtMessageName } from './types.js';

const P = (n: GbtMessageName) => PGN_BY_NAME[n].pgn;

describe('named decode errors', () => {
  it.each([
    ['CHM', '0101', 'chm.short'],
    ['CHM', '010100FFFFFFFFFFFF', 'chm.length'],
    ['BHM', '50', 'bhm.short'],
    ['CRM', 'AA40E20100FFFF', 'crm.short'],
    ['CRM', '5540E20100FFFFFF', 'crm.out-of-range'], // result neither 00 nor AA
    ['BRM', '01010003F00A80', 'brm.short'], // 7 bytes: below the mandatory 8
    ['BCP', '6D01F4014D06501969', 'bcp.short'],
    ['BCP', '6D01F4014D065019695E011017FF', 'bcp.length'], // 14 bytes
    ['BCP', '6D01A10F4D065019695E011017', 'bcp.out-of-range'], // current raw 4001 (discharge)
    ['BCP', '6109F4014D065019695E011017', 'bcp.out-of-range'], // cell 24.01 V
    ['BCP', '6D01F4014D06501969E9031017', 'bcp.out-of-range'], // SOC 100.1 %
    ['CTS', '453010180524', 'cts.short'],
    ['CML', '4C1DD007DC05A0', 'cml.length'], // 7 bytes: neither 2011 (6) nor 2015 (8)
    ['CML', '4C1DD007', 'cml.short'],
    ['CML', '4C1DD007DC05A10F', 'cml.out-of-range'], // min current raw 4001: §7.6 impossible value
    ['BRO', '', 'bro.short'],
    ['BRO', '01', 'bro.out-of-range'],
    ['CRO', '55', 'cro.out-of-range'],
    ['BCL', '5019D007', 'bcl.short'],
    ['BCL', '5019FFFF02', 'bcl.out-of-range'],
    ['BCS', '2017DF074C11245F', 'bcs.short'], // the non-conforming 8-byte single frame of §2.4
    ['BCS', '2017DF074C11655F00', 'bcs.out-of-range'], // SOC 101 %
    ['CCS', '2517DF070C', 'ccs.short'],
    ['CCS', '2517FFFF0C00FDFF', 'ccs.out-of-range'],
    ['BSM', '1E52044E0B00', 'bsm.short'],
    ['BMV', '4C', 'bmv.short'],
    ['BMV', '4C114C', 'bmv.length'],
    ['BMT', '', 'bmt.short'],
    ['BSP', '', 'bsp.short'],
    ['BST', '0100F0', 'bst.short'],
    ['CST', '4000', 'cst.short'],
    ['BSD', '50520155014F', 'bsd.short'],
    ['BSD', '65520155014F53', 'bsd.out-of-range'], // SOC 101 %
    ['CSD', '3A00F004', 'csd.short'],
    ['CSD', '3A00F00440E2', 'csd.length'], // 6 bytes: neither 5 nor 8
    ['BEM', 'F4F0F0', 'bem.short'],
    ['CEM', 'FDF0', 'cem.short'],
  ] as const)('%s %s → %s', (name, payload, code) => {
    const r = decodeMessage(P(name), hex(payload));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(0);
    }
  });

  it('an unknown PGN is gbt.unknown-pgn (DM1 0x2000 is not covered, §2.1)', () => {
    const r = decodeMessage(0x2000, hex('00'));
    expect(!r.ok && r.error.code).toBe('gbt.unknown-pgn');
  });

  it('a BRM longer than 1785 bytes is brm.length', () => {
    const r = decodeMessage(P('BRM'), new Uint8Array(1786).fill(0xff));
    expect(!r.ok && r.error.code).toBe('brm.length');
  });
});
