// Behaviour `bem-on-crm-timeout` (the default): the standard BMS of reference §4.3. When no CRM 0xAA
// comes within 5 s of its first BRM it sends BEM `F4 F0 F0 FC` (the refusal flow of vector C, §7.3).
// The rule lives in the machine's table; this behaviour only names it and pins the 5 s.
import type { BmsBehavior } from './behavior.js';

export function bemOnCrmTimeout(crmAaTimeoutMs = 5_000): BmsBehavior {
  return {
    name: 'bem-on-crm-timeout',
    configure: (s) => ({ ...s, timing: { ...s.timing, crmAaTimeoutMs } }),
  };
}
