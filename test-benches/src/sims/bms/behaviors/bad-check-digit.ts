// Behaviour `bad-check-digit`: the BRM carries a VIN whose position-9 check digit is wrong
// (reference §3.6: GB 16735 makes it mandatory in China). A VIN that is already wrong or not a VIN
// is sent as given; a valid one gets its check digit replaced by the next digit.
import { VIN_PATTERN, classifyVinText, vinCheckDigit } from '../../../../../pile-agent/protocols.js';
import type { BmsBehavior } from './behavior.js';

/** Reference §3.5's example VIN with the wrong digit `6` in position 9. */
export const DEFAULT_BAD_VIN = 'LZYTBTE66K1012345';

export function withBadCheckDigit(vin: string): string {
  if (!VIN_PATTERN.test(vin) || classifyVinText(vin) !== 'valid') return vin;
  const good = vinCheckDigit(vin);
  const wrong = good === 'X' ? '0' : good === '9' ? 'X' : String(Number(good) + 1);
  return `${vin.slice(0, 8)}${wrong}${vin.slice(9)}`;
}

export function badCheckDigit(): BmsBehavior {
  return {
    name: 'bad-check-digit',
    configure: (s) => ({ ...s, vin: s.vin === null ? DEFAULT_BAD_VIN : withBadCheckDigit(s.vin) }),
  };
}
