// The RTU framer (Modbus over serial line §2.5.1.1): one frame, merged frames, split frames, corrupt
// frames and garbage skipped without throwing, and silence ending a partial frame.
import { describe, expect, it } from 'vitest';
import { hex } from '../../shared/hex.js';
import { encodeRtuAdu } from './rtu-frame.js';
import { expectedFrameLength, RtuFramer } from './rtu-framer.js';
import { djsfReadEnergyResponse, djsfReadVoltageRequest, djsfReadVoltageResponse } from './modbus.fixture.js';

const T35 = 4;
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('RtuFramer for responses', () => {
  it('emits one complete frame', () => {
    const f = new RtuFramer('responses', T35);
    expect(f.feed(djsfReadVoltageResponse, 0)).toEqual({ frames: [djsfReadVoltageResponse], droppedBytes: 0 });
    expect(f.pending).toBe(0);
  });

  it('splits two frames that arrive in one chunk', () => {
    const f = new RtuFramer('responses', T35);
    const out = f.feed(cat(djsfReadVoltageResponse, djsfReadEnergyResponse), 0);
    expect(out.frames).toEqual([djsfReadVoltageResponse, djsfReadEnergyResponse]);
  });

  it('joins one frame that arrives over two chunks within t3.5', () => {
    const f = new RtuFramer('responses', T35);
    expect(f.feed(djsfReadEnergyResponse.slice(0, 9), 0).frames).toEqual([]);
    expect(f.feed(djsfReadEnergyResponse.slice(9), 2).frames).toEqual([djsfReadEnergyResponse]);
  });

  it('skips a frame with a bad CRC and keeps the good frame behind it', () => {
    const bad = djsfReadVoltageResponse.slice();
    bad[5] ^= 0xff;
    const f = new RtuFramer('responses', T35);
    const out = f.feed(cat(bad, djsfReadEnergyResponse), 0);
    expect(out.frames).toEqual([djsfReadEnergyResponse]);
    expect(out.droppedBytes).toBe(bad.length);
  });

  it('resyncs over leading garbage', () => {
    const f = new RtuFramer('responses', T35);
    const out = f.feed(cat(hex('FF 00 13'), djsfReadVoltageResponse), 0);
    expect(out.frames).toEqual([djsfReadVoltageResponse]);
    expect(out.droppedBytes).toBe(3);
  });

  it('drops a partial frame once the line has been silent for t3.5, then frames the next one', () => {
    const f = new RtuFramer('responses', T35);
    f.feed(djsfReadEnergyResponse.slice(0, 6), 0);
    expect(f.flush(2)).toEqual({ frames: [], droppedBytes: 0 });
    expect(f.flush(5)).toEqual({ frames: [], droppedBytes: 6 });
    expect(f.feed(djsfReadVoltageResponse, 10).frames).toEqual([djsfReadVoltageResponse]);
  });

  it('treats a gap inside a frame as its end (§2.5.1.1) and recovers on the next frame', () => {
    const f = new RtuFramer('responses', T35);
    f.feed(djsfReadVoltageResponse.slice(0, 8), 0);
    const out = f.feed(cat(djsfReadVoltageResponse.slice(8), djsfReadEnergyResponse), 20);
    expect(out.frames).toEqual([djsfReadEnergyResponse]);
  });

  it('frames an exception response (5 bytes) and an unknown function code on silence', () => {
    const exc = encodeRtuAdu({ unitId: 2, pdu: hex('83 02') });
    const odd = encodeRtuAdu({ unitId: 2, pdu: hex('41 01 02 03') });
    const f = new RtuFramer('responses', T35);
    expect(f.feed(exc, 0).frames).toEqual([exc]);
    expect(f.feed(odd, 10).frames).toEqual([]);
    expect(f.flush(20).frames).toEqual([odd]);
  });
});

describe('RtuFramer for requests', () => {
  it('frames fixed-length requests back to back', () => {
    const f = new RtuFramer('requests', T35);
    expect(f.feed(cat(djsfReadVoltageRequest, djsfReadVoltageRequest), 0).frames).toHaveLength(2);
  });

  it('knows FC 16 request length from its byte count', () => {
    expect(expectedFrameLength(hex('01 10 0000 0002 04'), 'requests')).toBe(13);
    expect(expectedFrameLength(hex('01 10 0000'), 'requests')).toBeNull();
  });
});
