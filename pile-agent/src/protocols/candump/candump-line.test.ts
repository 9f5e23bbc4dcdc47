// candump -L lines: both directions from one declaration, and each malformed case named.
import { describe, expect, it } from 'vitest';
import { formatCandumpLine, parseCandumpLine } from './candump-line.js';

describe('candump -L line', () => {
  it('parses and formats an extended frame (reference §7.5, TP.DT 1 of vector A)', () => {
    const line = '(1700000000.000000) can0 1CEB56F4#0101010003F00A80';
    const r = parseCandumpLine(line);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ t: 1700000000, iface: 'can0', id: 0x1ceb56f4, extended: true, rtr: false });
    expect([...r.value.data]).toEqual([0x01, 0x01, 0x01, 0x00, 0x03, 0xf0, 0x0a, 0x80]);
    expect(formatCandumpLine(r.value)).toBe(line);
  });

  it('parses standard, empty and remote frames', () => {
    const std = parseCandumpLine('(1.5) vcan0 123#1122');
    expect(std.ok && std.value).toMatchObject({ id: 0x123, extended: false, t: 1.5 });
    const empty = parseCandumpLine('(2.000000) can1 100956F4#');
    expect(empty.ok && empty.value.data.length).toBe(0);
    const rtr = parseCandumpLine('(3.000000) can0 1826F456#R');
    expect(rtr.ok && rtr.value.rtr).toBe(true);
  });

  it.each([
    ['garbage', 'candump.syntax'],
    ['(1.0) can0 1CEB56F4#0G', 'candump.syntax'],
    ['(1.0) can0 1CEB56#01', 'candump.id-length'],
    ['(1.0) can0 3FFFFFFF#01', 'candump.id-range'],
    ['(1.0) can0 1CEB56F4#012', 'candump.data'],
    ['(1.0) can0 1CEB56F4#010203040506070809', 'candump.dlc'],
  ])('rejects %s as %s', (line, code) => {
    const r = parseCandumpLine(line);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});
