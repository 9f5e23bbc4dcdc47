// What the cloud checks in a pile's running-session events before applying them (contract page "What
// the cloud checks"): a meter reading never goes
// back, never below the start, never above what the pile's connector can deliver since the start; a
// finished-session record agrees with the session the events opened (same start reading, credential,
// mode); a refusal names a department bound to the pile's station, or none; a VIN is kept only when it
// is one (check digit). Each failure is a reason string; null means the event may apply. Pure.
import { classifyVinText } from '../../../pile-agent/contract.js';
import { energyCeilingWh } from '../ingest/plausibility.js';

export interface LiveFacts {
  readonly meterStartWh: number | null;
  readonly lastMeterWh: number | null;
  readonly startedAt: string;
  readonly mode: number | null;
  readonly credentialKind: string | null;
  readonly cardNo: string | null;
}

export function meterProblem(live: LiveFacts, energyWh: number, eventAt: string, maxPowerW: number): string | null {
  if (live.meterStartWh !== null && energyWh < live.meterStartWh) return `meter ${energyWh} Wh is below the session's start reading ${live.meterStartWh} Wh`;
  if (live.lastMeterWh !== null && energyWh < live.lastMeterWh) return `meter went back from ${live.lastMeterWh} Wh to ${energyWh} Wh`;
  const ceiling = energyCeilingWh(maxPowerW, Date.parse(eventAt) - Date.parse(live.startedAt));
  if (live.meterStartWh !== null && energyWh - live.meterStartWh > ceiling) return `${energyWh - live.meterStartWh} Wh since the start is more than the connector can deliver (${ceiling} Wh)`;
  return null;
}

/** The record against the session its own events opened. */
export function recordConflict(live: LiveFacts, r: { meterStartWh: number; mode: number; credential: { kind: string; cardNo?: string } }): string | null {
  if (live.meterStartWh !== null && r.meterStartWh !== live.meterStartWh) return `the record's start reading ${r.meterStartWh} Wh differs from the session's ${live.meterStartWh} Wh`;
  const kind = r.credential.kind === 'password' ? 'fixed-password' : r.credential.kind;
  if (live.credentialKind !== null && kind !== live.credentialKind) return `the record's credential ${kind} differs from the session's ${live.credentialKind}`;
  if (live.cardNo !== null && r.credential.cardNo !== live.cardNo) return `the record's card ${r.credential.cardNo ?? 'none'} differs from the session's ${live.cardNo}`;
  return null;
}

/** A VIN worth keeping (lists, unknown VINs): 17 characters of the VIN alphabet with a right check digit. */
export const validVin = (vin: string | null | undefined): vin is string => typeof vin === 'string' && classifyVinText(vin) === 'valid';
