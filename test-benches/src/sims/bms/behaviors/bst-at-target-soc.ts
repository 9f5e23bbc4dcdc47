// Behaviour `bst-at-target-soc`: while charging, the BMS stops at a target SOC with BST
// `01 00 00 F0` ("required SOC target reached", reference §2.5, §4.7 BMS-initiated stop), then
// waits for CST, sends BSD and waits for CSD (vector A rows 34–37).
import type { BmsBehavior } from './behavior.js';

export function bstAtTargetSoc(targetSocPercent = 80): BmsBehavior {
  return { name: 'bst-at-target-soc', configure: (s) => ({ ...s, targetSocPercent }) };
}
