// Behaviour `slow-brm`: the first BRM goes out late after CRM 0x00 (default 6 s, beyond the charger's
// 5 s BRM timeout of reference §4.2 S3 → CEM `FD F0 C0 FC`). The BMS's own 5 s CRM 0xAA timer starts
// at that late first BRM, as §4.3 says.
import type { BmsBehavior } from './behavior.js';

export function slowBrm(delayMs = 6_000): BmsBehavior {
  return { name: 'slow-brm', configure: (s) => ({ ...s, timing: { ...s.timing, firstBrmDelayMs: delayMs } }) };
}
