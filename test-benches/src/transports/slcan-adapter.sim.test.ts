// The simulated SLCAN adapter's state table (reference §5.2): replies to every command in each
// mode, CANUSB-style acks, BELL for frames while closed / listen-only, bad lines and unknown commands.
import { describe, expect, it } from 'vitest';
import type { SlcanToken } from '../../../pile-agent/protocols.js';
import { hex } from '../../../pile-agent/ports.js';
import { SlcanAdapterSim } from './slcan-adapter.sim.js';

const line = (text: string): SlcanToken => ({ kind: 'line', text });
const BELL = '\x07';
const make = () => new SlcanAdapterSim({ serial: 'VB00', version: '1013' });

describe('SlcanAdapterSim', () => {
  it('runs the §5.2 initialisation: flush BELLs, C BELL when closed, S5, Z0, O', () => {
    const a = make();
    const replies = ['', '', '', 'C', 'S5', 'Z0', 'O'].map((t) => a.handle(line(t)).reply);
    expect(replies).toEqual([BELL, BELL, BELL, BELL, '\r', '\r', '\r']);
    expect(a.state).toEqual({ mode: 'normal', bitrateCode: 5, timestamps: false });
    expect(a.receiving).toBe(true);
  });

  it('acks transmitted frames like a CANUSB and hands them to the bus', () => {
    const a = make();
    a.handle(line('O'));
    expect(a.handle(line('T1801F4568AA40E20100FFFFFF'))).toEqual({
      reply: 'Z\r',
      transmit: { id: 0x1801f456, extended: true, data: hex('AA40E20100FFFFFF') },
    });
    expect(a.handle(line('t12321122'))).toEqual({ reply: 'z\r', transmit: { id: 0x123, extended: false, data: hex('1122') } });
  });

  it('refuses frames while closed or listen-only, and bad frames, with BELL and no transmit', () => {
    const a = make();
    expect(a.handle(line('T100956F41AA'))).toEqual({ reply: BELL });
    a.handle(line('L'));
    expect(a.receiving).toBe(true);
    expect(a.handle(line('T100956F41AA'))).toEqual({ reply: BELL });
    a.handle(line('C'));
    a.handle(line('O'));
    expect(a.handle(line('T100956F49'))).toEqual({ reply: BELL }); // DLC 9
    expect(a.handle({ kind: 'garbage', reason: 'non-ascii', length: 3, preview: '???' })).toEqual({ reply: BELL });
    expect(a.bellCount).toBe(4);
  });

  it('refuses a bit rate, Z or second O while open; C twice BELLs the second time', () => {
    const a = make();
    a.handle(line('S2'));
    a.handle(line('O'));
    expect(['S5', 'Z1', 'O', 'L'].map((t) => a.handle(line(t)).reply)).toEqual([BELL, BELL, BELL, BELL]);
    expect(a.state.bitrateCode).toBe(2);
    expect(a.handle(line('C')).reply).toBe('\r');
    expect(a.handle(line('C')).reply).toBe(BELL);
  });

  it('answers V, N, F and unknown commands', () => {
    const a = make();
    expect(a.handle(line('V')).reply).toBe('V1013\r');
    expect(a.handle(line('N')).reply).toBe('NVB00\r');
    expect(a.handle(line('F')).reply).toBe(BELL); // only while open
    a.handle(line('O'));
    expect(a.handle(line('F')).reply).toBe('F00\r');
    expect(a.handle(line('X')).reply).toBe(BELL);
    expect(a.handle({ kind: 'bell' }).reply).toBe(BELL);
  });

  it('formats received frames, with a wrapping ms timestamp after Z1', () => {
    const a = make();
    const f = { id: 0x100956f4, extended: true, data: hex('AA') };
    expect(a.receivedLine(f, 1000)).toBe('T100956F41AA\r');
    a.handle(line('Z1'));
    expect(a.receivedLine(f, 61_000.7)).toBe('T100956F41AA03E8\r');
  });
});
