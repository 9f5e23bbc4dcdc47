// Behaviour `garbage-frames`: interleaves junk with the BMS's traffic, from a seeded PRNG so a run is
// reproducible: standard 11-bit frames, extended frames between other addresses, a PGN unknown to
// GB/T 27930, and malformed GB/T frames (BHM/BCL/BSM with a wrong DLC). Junk goes only before a
// single-frame message or an RTS, never between the DT packets of a transfer, so a correct charger
// must ignore or reject it (logged) and carry on (reference §1.4 receiver advice, §7.6).
import { BMS_ADDRESS, CHARGER_ADDRESS, encodeCanId } from '../../../../../pile-agent/protocols.js';
import type { CanFrame } from '../../../../../pile-agent/ports.js';
import type { BmsBehavior } from './behavior.js';

/** mulberry32: a tiny seeded PRNG, per behaviour instance. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bmsId = (priority: number, pgn: number) => encodeCanId({ priority, pgn, destination: CHARGER_ADDRESS, source: BMS_ADDRESS });

/** The kinds of junk, each a function of the PRNG. */
const KINDS: readonly ((r: () => number) => CanFrame)[] = [
  (r) => ({ id: Math.floor(r() * 0x800), extended: false, data: bytes(r, Math.floor(r() * 9)) }),
  (r) => ({ id: encodeCanId({ priority: 6, pgn: 0x002100, destination: 0x23, source: 0x17 }), extended: true, data: bytes(r, 8) }),
  (r) => ({ id: bmsId(6, 0x003000), extended: true, data: bytes(r, 8) }), // PGN 0x3000: not GB/T
  (r) => ({ id: bmsId(6, 0x002700), extended: true, data: bytes(r, 1) }), // BHM with DLC 1
  (r) => ({ id: bmsId(6, 0x001000), extended: true, data: bytes(r, 3) }), // BCL with DLC 3
  (r) => ({ id: bmsId(6, 0x001300), extended: true, data: bytes(r, 2) }), // BSM with DLC 2
];

function bytes(r: () => number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
}

export interface GarbageFramesOptions {
  readonly seed?: number;
  /** Chance that junk precedes an eligible frame (0..1). */
  readonly probability?: number;
}

export function garbageFrames(o: GarbageFramesOptions = {}): BmsBehavior {
  const random = seededRandom(o.seed ?? 27930);
  const probability = o.probability ?? 0.25;
  return {
    name: 'garbage-frames',
    onOutbound: (seen) => {
      if (seen.role !== 'frame' && seen.role !== 'rts') return undefined;
      if (random() >= probability) return undefined;
      const junk = KINDS[Math.floor(random() * KINDS.length)](random);
      return { frames: [junk, seen.frame] };
    },
  };
}
