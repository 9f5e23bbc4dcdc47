// How a simulated BMS is configured: the config object of its deps (edition, VIN, behaviours, a
// settings patch) resolved to full settings (profile → patch → each behaviour's configure), and the
// duration of each machine timer from the timing settings. Pure.
import type { BmsTimer } from './bms-machine.types.js';
import { patchSettings, profile2011, profile2015, type BmsSettings, type BmsSettingsPatch, type BmsTiming } from './bms-settings.js';
import type { BmsBehavior } from './behaviors/behavior.js';

export interface BmsSimConfig {
  /** VIN text for BRM bytes 25–41 (any text up to 17 characters: bad ones are allowed on purpose); null = absent. */
  readonly vin: string | null;
  readonly edition: '2011' | '2015';
  readonly behavior?: BmsBehavior | readonly BmsBehavior[];
  readonly settings?: BmsSettingsPatch;
}

/** Profile by edition, then the config's patch, then each behaviour's `configure`, in order. */
export function resolveBmsSettings(config: BmsSimConfig): BmsSettings {
  const base = patchSettings(config.edition === '2015' ? profile2015(config.vin) : profile2011(config.vin), config.settings ?? {});
  return behaviorsOf(config).reduce((s, b) => (b.configure ? b.configure(s) : s), base);
}

export const behaviorsOf = (c: BmsSimConfig): readonly BmsBehavior[] => (c.behavior === undefined ? [] : Array.isArray(c.behavior) ? c.behavior : [c.behavior as BmsBehavior]);

/** §4.3 timeouts (and the simulator's own delays) by timer name. */
export function timerDurationMs(name: BmsTimer, t: BmsTiming): number {
  const table: Record<BmsTimer, number> = {
    wake: t.wakeTimeoutMs,
    crm00: t.crmAfterChmTimeoutMs,
    'brm-delay': t.firstBrmDelayMs,
    crmAA: t.crmAaTimeoutMs,
    cml: t.cmlTimeoutMs,
    'bro-ready': t.broNotReadyMs,
    cro: t.croTimeoutMs,
    croAA: t.croAaTimeoutMs,
    ccs: t.ccsTimeoutMs,
    cst: t.cstTimeoutMs,
    'bst-linger': t.bstAfterCstMs,
    csd: t.csdTimeoutMs,
    'bem-hold': t.bemHoldMs,
    'bem-end': t.bemDurationMs,
  };
  return table[name];
}
