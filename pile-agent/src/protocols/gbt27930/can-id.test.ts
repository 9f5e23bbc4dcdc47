// 29-bit identifier codec against the worked examples of reference §1.4 and the table of §1.5.
import { describe, expect, it } from 'vitest';
import { decodeCanId, encodeCanId, pgnOfId } from './can-id.js';
import { AgentError } from '../../shared/errors.js';

describe('CAN id (reference §1.2–1.4, J1939 PDU1)', () => {
  it.each([
    ['CHM', 0x1826f456, 6, 0x002600, 0xf4, 0x56],
    ['BHM', 0x182756f4, 6, 0x002700, 0x56, 0xf4],
    ['CRM', 0x1801f456, 6, 0x000100, 0xf4, 0x56],
    ['BRM single frame', 0x1c0256f4, 7, 0x000200, 0x56, 0xf4],
    ['TP.CM from BMS', 0x1cec56f4, 7, 0x00ec00, 0x56, 0xf4],
    ['TP.CM from charger', 0x1cecf456, 7, 0x00ec00, 0xf4, 0x56],
    ['TP.DT from BMS', 0x1ceb56f4, 7, 0x00eb00, 0x56, 0xf4],
    ['CEM', 0x081ff456, 2, 0x001f00, 0xf4, 0x56],
  ])('§1.4 %s: 0x%s ↔ fields', (_name, id, priority, pgn, destination, source) => {
    const r = decodeCanId(id);
    expect(r).toEqual({ ok: true, value: { priority, pgn, destination, source } });
    expect(encodeCanId({ priority, pgn, destination, source })).toBe(id);
  });

  it('PDU2 ids (PF ≥ 240) keep PS in the PGN and have the global destination', () => {
    const r = decodeCanId(0x18fef156);
    expect(r.ok && r.value).toEqual({ priority: 6, pgn: 0xfef1, destination: 0xff, source: 0x56 });
    expect(pgnOfId(0x18fef156)).toBe(0xfef1);
  });

  it('rejects an id wider than 29 bits as can-id.range', () => {
    for (const id of [0x20000000, -1, 1.5]) {
      const r = decodeCanId(id);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('can-id.range');
    }
  });

  it('refuses to encode what does not fit a PDU1 id (programmer error)', () => {
    expect(() => encodeCanId({ priority: 8, pgn: 0x2600, destination: 0xf4, source: 0x56 })).toThrow(AgentError);
    expect(() => encodeCanId({ priority: 6, pgn: 0xfef1, destination: 0xf4, source: 0x56 })).toThrow(AgentError);
    expect(() => encodeCanId({ priority: 6, pgn: 0x2600, destination: 0x100, source: 0x56 })).toThrow(AgentError);
  });
});
