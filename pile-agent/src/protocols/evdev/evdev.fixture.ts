// Annotated evdev byte vectors: one tap on a single-touch controller as a 64-bit Linux kernel writes
// it (struct input_event, 24 bytes each, little-endian), and builders for more.
import { hex } from '../../shared/hex.js';
import { encodeInputEvent, type InputEvent } from './input-event.js';

/** BTN_TOUCH down at ABS_X 1000 / ABS_Y 2000, SYN_REPORT, then BTN_TOUCH up, SYN_REPORT. */
export const TAP_BYTES = hex(
  [
    // tv_sec = 1700000000           tv_usec = 250000             type=EV_KEY code=BTN_TOUCH value=1
    '00F1536500000000' + '90D0030000000000' + '0100' + '4A01' + '01000000',
    // same time                                                   type=EV_ABS code=ABS_X     value=1000
    '00F1536500000000' + '90D0030000000000' + '0300' + '0000' + 'E8030000',
    //                                                             type=EV_ABS code=ABS_Y     value=2000
    '00F1536500000000' + '90D0030000000000' + '0300' + '0100' + 'D0070000',
    //                                                             type=EV_SYN code=SYN_REPORT value=0
    '00F1536500000000' + '90D0030000000000' + '0000' + '0000' + '00000000',
    // tv_usec = 350000                                            type=EV_KEY code=BTN_TOUCH value=0
    '00F1536500000000' + '3057050000000000' + '0100' + '4A01' + '00000000',
    //                                                             type=EV_SYN code=SYN_REPORT value=0
    '00F1536500000000' + '3057050000000000' + '0000' + '0000' + '00000000',
  ].join(''),
);

export function ev(type: number, code: number, value: number, timeUsec = 0): InputEvent {
  return { timeSec: 1_700_000_000, timeUsec, type, code, value };
}

export function bytesOf(events: readonly InputEvent[]): Uint8Array {
  const out = new Uint8Array(events.length * 24);
  events.forEach((e, i) => out.set(encodeInputEvent(e), i * 24));
  return out;
}
