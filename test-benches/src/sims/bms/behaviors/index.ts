// The named behaviours of the simulated BMS (for the CLI and scenario files): name → description and
// a factory taking the few options the CLI exposes. Each call creates fresh instances (no shared
// state between simulators).
import { abortMidTransfer } from './abort-mid-transfer.js';
import { badCheckDigit } from './bad-check-digit.js';
import { bemOnCrmTimeout } from './bem-on-crm-timeout.js';
import type { BmsBehavior } from './behavior.js';
import { bstAtTargetSoc } from './bst-at-target-soc.js';
import { ctsIgnored } from './cts-ignored.js';
import { garbageFrames } from './garbage-frames.js';
import { noVin } from './no-vin.js';
import { slowBrm } from './slow-brm.js';

export interface BehaviorOptions {
  readonly targetSocPercent?: number;
  readonly seed?: number;
}

export interface BehaviorEntry {
  readonly description: string;
  readonly create: (o: BehaviorOptions) => BmsBehavior;
}

export const BMS_BEHAVIORS = {
  'bem-on-crm-timeout': {
    description: 'default: BEM F4 F0 F0 FC when no CRM 0xAA comes within 5 s of the first BRM',
    create: () => bemOnCrmTimeout(),
  },
  'no-vin': { description: 'BRM VIN field filled with 0xFF (VIN absent)', create: () => noVin() },
  'bad-check-digit': { description: 'BRM VIN with a wrong position-9 check digit', create: () => badCheckDigit() },
  'slow-brm': { description: 'first BRM 6 s after CRM 0x00 (beyond the charger 5 s BRM timeout)', create: () => slowBrm() },
  'cts-ignored': { description: 'ignores CTS, repeats RTS twice, then old-style abort; BEM after 5 s', create: () => ctsIgnored() },
  'abort-mid-transfer': { description: 'aborts the first BRM transfer after 3 DT packets (old-style abort)', create: () => abortMidTransfer() },
  'bst-at-target-soc': {
    description: 'stops with BST 01 00 00 F0 at the target SOC (--target-soc, default 80)',
    create: (o) => bstAtTargetSoc(o.targetSocPercent),
  },
  'garbage-frames': {
    description: 'interleaves non-GB/T frames and malformed GB/T frames (seeded)',
    create: (o) => garbageFrames({ seed: o.seed }),
  },
} as const satisfies Record<string, BehaviorEntry>;

export type BmsBehaviorName = keyof typeof BMS_BEHAVIORS;
export const BMS_BEHAVIOR_NAMES = Object.keys(BMS_BEHAVIORS) as BmsBehaviorName[];

export const isBmsBehaviorName = (name: string): name is BmsBehaviorName => Object.hasOwn(BMS_BEHAVIORS, name);

export function createBehavior(name: BmsBehaviorName, options: BehaviorOptions = {}): BmsBehavior {
  return BMS_BEHAVIORS[name].create(options);
}

export type { BmsBehavior } from './behavior.js';
export { abortMidTransfer, badCheckDigit, bemOnCrmTimeout, bstAtTargetSoc, ctsIgnored, garbageFrames, noVin, slowBrm };
