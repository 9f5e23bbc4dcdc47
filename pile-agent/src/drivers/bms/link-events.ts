// Maps the charger machine's outward effects (hardware requests and reports) onto the BmsLink
// port's typed events. Pure; the runner emits what this returns. Effects that the runner executes
// itself (messages, timers, the decision hook) map to null.
import type { BmsLinkEvents } from '../../ports/bms-link.port.js';
import { PHASE_CODE, type ChargerEffect, type ChargerReport } from '../../protocols/gbt27930/charger/charger-types.js';

export type LinkEvent = { [K in keyof BmsLinkEvents]: { readonly name: K; readonly payload: BmsLinkEvents[K] } }[keyof BmsLinkEvents];

function eventOfReport(r: ChargerReport): LinkEvent {
  switch (r.kind) {
    case 'phase':
      return { name: 'phase', payload: { from: r.from, to: r.to, code: PHASE_CODE[r.to] } };
    case 'vin':
      return { name: 'vin', payload: { vin: r.vin, vinStatus: r.vinStatus, brm: r.brm } };
    case 'decision':
      return { name: 'decision', payload: { decision: r.decision } };
    case 'parameters':
      return { name: 'parameters', payload: { bcp: r.bcp } };
    case 'measurement':
      return { name: 'measurement', payload: { msg: r.msg } };
    case 'comm-error':
      return { name: 'comm-error', payload: { reason: r.reason, cem: r.cem, recoveries: r.recoveries } };
    case 'ended':
      return { name: 'ended', payload: { outcome: r.outcome, reason: r.reason } };
  }
}

export function eventOfEffect(fx: ChargerEffect): LinkEvent | null {
  switch (fx.type) {
    case 'aux-power':
      return { name: 'aux-power', payload: { on: fx.on } };
    case 'lock':
      return { name: 'lock', payload: { locked: fx.locked } };
    case 'contactors':
      return { name: 'contactors', payload: { closed: fx.closed, purpose: fx.purpose } };
    case 'insulation-check':
      return { name: 'insulation-check', payload: { testVoltageDeciV: fx.testVoltageDeciV } };
    case 'prepare-output':
      return { name: 'prepare-output', payload: { batteryVoltageDeciV: fx.batteryVoltageDeciV, maxVoltageDeciV: fx.maxVoltageDeciV } };
    case 'output-set':
      return { name: 'output', payload: { action: 'set', voltageDeciV: fx.voltageDeciV, currentDeciA: fx.currentDeciA } };
    case 'output-ramp-down':
      return { name: 'output', payload: { action: 'ramp-down' } };
    case 'output-off':
      return { name: 'output', payload: { action: 'off' } };
    case 'report':
      return eventOfReport(fx.report);
    default:
      return null;
  }
}
