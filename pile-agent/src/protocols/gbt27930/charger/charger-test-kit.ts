// Test kit for the charger machine (tests only, never imported by the agent at run time): BMS
// messages built from the decoded values of reference §7.1 vector A (valid by default, override
// what a test is about), event shorthands, and a driver that plays events and collects effects.
// biome-ignore-all format: rows laid out by hand, one table row per line or two
import type { Bcl, Bcp, Bcs, Bem, BmsMessage, Brm, Bsd, Bsm, Bst } from '../messages/types.js';
import { createChargerMachine, type ChargerMachine } from './charger.machine.js';
import type { ChargerEffect, ChargerEvent, ChargerState, StopCause } from './charger-types.js';

export const VIN_A = 'LZYTBTE65K1012345';

export const aBrm = (o: Partial<Brm> = {}): Brm => ({
  name: 'BRM', length: 49, edition: '2015', version: { major: 1, minor: 1 }, batteryType: 3,
  ratedCapacityDeciAh: 2800, ratedVoltageDeciV: 5760, manufacturer: 'CATL', packSerial: '01000000',
  productionDate: { year: 2019, month: 6, day: 15 }, chargeCount: 1234, ownedByVehicle: true,
  vin: VIN_A, vinStatus: 'valid', softwareVersion: '011403E707FFFFFF', ...o,
});
export const aBcp = (o: Partial<Bcp> = {}): Bcp => ({
  name: 'BCP', maxCellVoltageCentiV: 365, maxChargeCurrentDeciA: 3500, nominalEnergyDeciKwh: 1613,
  maxChargeVoltageDeciV: 6480, maxTemperatureC: 55, socPermille: 350, batteryVoltageDeciV: 5904, ...o,
});
export const aBcl = (o: Partial<Bcl> = {}): Bcl => ({
  name: 'BCL', voltageDemandDeciV: 6480, currentDemandDeciA: 2000, mode: 'constant-current', ...o,
});
export const aBcs = (o: Partial<Bcs> = {}): Bcs => ({
  name: 'BCS', measuredVoltageDeciV: 5920, measuredCurrentDeciA: 1985, highestCellVoltageCentiV: 332,
  highestCellGroup: 1, socPercent: 36, remainingMin: 95, ...o,
});
export const aBsm = (o: Partial<Bsm> = {}): Bsm => ({
  name: 'BSM', highestCellNumber: 31, maxTemperatureC: 32, maxTemperatureProbe: 5, minTemperatureC: 28,
  minTemperatureProbe: 12, cellVoltage: 0, soc: 0, overCurrent: 0, overTemperature: 0, insulation: 0,
  connector: 0, chargingPermitted: 1, ...o,
});
export const aBst = (o: Partial<Bst> = {}): Bst => ({
  name: 'BST', socTargetReached: 1, totalVoltageReached: 0, cellVoltageReached: 0, chargerInitiated: 0,
  insulationFault: 0, connectorOverTemperature: 0, bmsComponentOverTemperature: 0, connectorFault: 0,
  batteryOverTemperature: 0, highVoltageRelayFault: 0, checkPoint2Fault: 0, otherFault: 0,
  overCurrent: 0, voltageAbnormal: 0, ...o,
});
export const aBsd = (o: Partial<Bsd> = {}): Bsd => ({
  name: 'BSD', socPercent: 80, minCellVoltageCentiV: 338, maxCellVoltageCentiV: 341, minTemperatureC: 29,
  maxTemperatureC: 33, ...o,
});
/** BEM `F4 F0 F0 FC`: CRM 0xAA timeout (vector C row 15). */
export const aBem = (o: Partial<Bem> = {}): Bem => ({
  name: 'BEM', crm00: 0, crmAA: 1, ctsCml: 0, cro: 0, ccs: 0, cst: 0, csd: 0, ...o,
});

export const bms = (msg: BmsMessage): ChargerEvent => ({ type: 'bms', msg });
export const ev = {
  start: { type: 'start' } as ChargerEvent,
  bhm: bms({ name: 'BHM', maxChargeVoltageDeciV: 6480 }),
  insulationOk: { type: 'insulation-result', ok: true } as ChargerEvent,
  brm: bms(aBrm()),
  allow: { type: 'decision', decision: { allow: true } } as ChargerEvent,
  refuse: (reason = 'vin-not-authorised'): ChargerEvent => ({ type: 'decision', decision: { allow: false, reason } }),
  bcp: bms(aBcp()),
  broReady: bms({ name: 'BRO', status: 'ready' }),
  prechargeOk: { type: 'precharge-done', ok: true } as ChargerEvent,
  bcl: bms(aBcl()),
  bcs: bms(aBcs()),
  bst: bms(aBst()),
  bsd: bms(aBsd()),
  bem: bms(aBem()),
  stop: (cause: StopCause = 'manual', reason = 'operator'): ChargerEvent => ({ type: 'local-stop', cause, reason }),
  timeout: (name: string): ChargerEvent => ({ type: `timeout:${name}` }) as ChargerEvent,
};

/** Events that lead from idle to each phase along the happy path (vector A). */
export const PATH: Readonly<Record<string, readonly ChargerEvent[]>> = (() => {
  const handshake = [ev.start];
  const insulation = [...handshake, ev.bhm];
  const identification = [...insulation, ev.insulationOk];
  const deciding = [...identification, ev.brm];
  const identified = [...deciding, ev.allow];
  const parameters = [...identified, ev.bcp];
  const outputPrep = [...parameters, ev.broReady];
  const outputReady = [...outputPrep, ev.prechargeOk];
  const charging = [...outputReady, ev.bcl, ev.bcs];
  const stopping = [...charging, ev.stop()];
  return {
    idle: [], handshake, insulation, identification, deciding, identified, parameters,
    'output-prep': outputPrep, 'output-ready': outputReady, charging, stopping,
    'bms-stopping': [...charging, ev.bst],
    statistics: [...stopping, ev.bst, ev.bsd],
    refusing: [...deciding, ev.refuse()],
    error: [...identification, ev.timeout('brm')],
  };
})();

export interface Played {
  readonly state: ChargerState;
  readonly effects: ChargerEffect[];
}

/** Plays events from a state; returns the final state and every effect in order. */
export function play(m: ChargerMachine, events: readonly ChargerEvent[], from: ChargerState = m.initial): Played {
  let state = from;
  const effects: ChargerEffect[] = [];
  for (const e of events) {
    const r = m.transition(state, e);
    state = r.next;
    effects.push(...r.effects);
  }
  return { state, effects };
}

export const machine = (cfg: Parameters<typeof createChargerMachine>[0] = {}): ChargerMachine =>
  createChargerMachine({ chargerNumber: 123456, ...cfg });

