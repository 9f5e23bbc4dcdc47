// What the simulated BMS saw and did, for tests and the bench log: flags such as `sawCrmAA`, the last
// message of each charger kind (the last CST, CML, CCS…), TP control counts, ignored frames, phases
// and the outbound message counts. Owned by one simulator instance; updated only by its runner.
import type { Bem, BmsMessage, ChargerMessage, TpCm } from '../../../../pile-agent/protocols.js';
import type { BmsPhase } from './bms-machine.types.js';

type LastOf = { -readonly [K in ChargerMessage['name']]?: Extract<ChargerMessage, { name: K }> };

export interface BmsObservations {
  sawChm: boolean;
  sawCrm00: boolean;
  sawCrmAA: boolean;
  /** The last decoded charger message of each kind (`last.CST`, `last.CML`, …). */
  readonly last: LastOf;
  readonly tpControl: { cts: number; eoma: number; abort: number; other: number };
  readonly ignored: { foreign: number; bad: number; byBehavior: number };
  /** Outbound frames by message name (a TP message counts each RTS, DT and abort frame). */
  readonly framesSent: Partial<Record<BmsMessage['name'], number>>;
  readonly tpCompleted: Partial<Record<BmsMessage['name'], number>>;
  readonly tpFailed: { message: BmsMessage['name']; reason: string; atMs: number }[];
  lastBem: Bem | null;
  readonly phases: { phase: BmsPhase; reason: string; atMs: number }[];
}

export function emptyObservations(): BmsObservations {
  return {
    sawChm: false,
    sawCrm00: false,
    sawCrmAA: false,
    last: {},
    tpControl: { cts: 0, eoma: 0, abort: 0, other: 0 },
    ignored: { foreign: 0, bad: 0, byBehavior: 0 },
    framesSent: {},
    tpCompleted: {},
    tpFailed: [],
    lastBem: null,
    phases: [],
  };
}

export function observeInbound(o: BmsObservations, msg: ChargerMessage): void {
  (o.last as Record<string, ChargerMessage>)[msg.name] = msg;
  if (msg.name === 'CHM') o.sawChm = true;
  if (msg.name === 'CRM') {
    if (msg.recognized) o.sawCrmAA = true;
    else o.sawCrm00 = true;
  }
}

export function observeTpControl(o: BmsObservations, cm: TpCm): void {
  if (cm.type === 'cts' || cm.type === 'eoma' || cm.type === 'abort') o.tpControl[cm.type]++;
  else o.tpControl.other++;
}
