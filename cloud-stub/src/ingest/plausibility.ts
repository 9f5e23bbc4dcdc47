// Bounds on what a pile may claim about a finished session, against the cloud's own clock and the
// pile's registered power (contract page "What the cloud checks"): a pile's clock may be
// wrong by hours, not years; a session lasts at most two days; its energy is at most what one connector
// of that pile can deliver in the session's duration (maximum power × time, with a 10 % margin and
// 1 kWh of meter slack). Anything outside is disputed, never billed. Pure.
import type { SessionRecord } from '../../../pile-agent/contract.js';

export const PLAUSIBLE = {
  /** How far back a session may have started (a days-long outage delivers old sessions late). */
  maxAgeMs: 90 * 86_400_000,
  /** How far ahead of the cloud's clock a pile's clock may run. */
  maxAheadMs: 24 * 3_600_000,
  maxDurationMs: 48 * 3_600_000,
  energyMargin: 1.1,
  energySlackWh: 1_000,
} as const;

export function implausibleTime(r: Pick<SessionRecord, 'startedAt' | 'stoppedAt'>, nowMs: number): string | null {
  const start = Date.parse(r.startedAt);
  const stop = Date.parse(r.stoppedAt);
  if (start < nowMs - PLAUSIBLE.maxAgeMs) return `started ${r.startedAt}, more than 90 days before the cloud's ${new Date(nowMs).toISOString()}`;
  if (stop > nowMs + PLAUSIBLE.maxAheadMs) return `stopped ${r.stoppedAt}, more than 24 h after the cloud's ${new Date(nowMs).toISOString()}`;
  if (stop - start > PLAUSIBLE.maxDurationMs) return `lasted ${Math.round((stop - start) / 3_600_000)} h, more than 48 h`;
  return null;
}

/** The most energy (Wh) a connector of `maxPowerW` can deliver in `durationMs`, with margin and slack. */
export function energyCeilingWh(maxPowerW: number, durationMs: number): number {
  return Math.floor((maxPowerW * Math.max(0, durationMs) * PLAUSIBLE.energyMargin) / 3_600_000) + PLAUSIBLE.energySlackWh;
}

export function implausibleEnergy(energyWh: number, maxPowerW: number, durationMs: number): string | null {
  const ceiling = energyCeilingWh(maxPowerW, durationMs);
  return energyWh > ceiling ? `${energyWh} Wh in ${Math.round(durationMs / 1000)} s is more than ${maxPowerW / 1000} kW can deliver (at most ${ceiling} Wh)` : null;
}
