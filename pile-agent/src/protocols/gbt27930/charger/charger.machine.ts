// The charger side of a GB/T 27930 session as a pure transition table (reference §4.2 states and
// timeouts, §4.4 CRM 0x00 → 0xAA, §4.5 errors, §4.6 refusal before energy flows, §4.7 stops):
// (state, event) → {next, effects}. The rows live in *.rules.ts by phase group; timers are
// effects, their expiry comes back as `timeout:<name>` events. No I/O, no clock, no logging.
import { chargerMachineConfig, type ChargerMachineConfig, type ChargerMachineConfigInput } from './charger-config.js';
import { ccs } from './charger-messages.js';
import { FRESH_ATTEMPT } from './charger-sequences.js';
import { Step, type Handler, type Row } from './charger-step.js';
import type { ChargerEvent, ChargerState, EventKey, Phase, StepResult } from './charger-types.js';
import { chargingRow, outputPrepRow, parametersRow } from './charge.rules.js';
import { decidingRow, identificationRow, identifiedRow, refusingRow } from './identify.rules.js';
import { handshakeRow, idleRow, insulationRow } from './start.rules.js';
import { errorRow, statisticsRow, stoppingRow } from './stop.rules.js';

/** Rows every live phase shares (a phase's own row wins). */
const everyLivePhase: Row = {
  // The power stage's measurements feed CCS/CSD (§2.4, §2.5); they never change the phase.
  'output-measured': (b, e) => {
    const { voltageDeciV, currentDeciA, chargingTimeMin, energyWh } = e;
    b.set({ output: { voltageDeciV, currentDeciA, chargingTimeMin, energyWh } });
    return b.update(ccs(b.cfg, b.state));
  },
};

export const CHARGER_TABLE: Readonly<Record<Phase, Row>> = {
  idle: idleRow,
  handshake: { ...everyLivePhase, ...handshakeRow },
  insulation: { ...everyLivePhase, ...insulationRow },
  identification: { ...everyLivePhase, ...identificationRow },
  deciding: { ...everyLivePhase, ...decidingRow },
  refusing: { ...everyLivePhase, ...refusingRow },
  identified: { ...everyLivePhase, ...identifiedRow },
  parameters: { ...everyLivePhase, ...parametersRow },
  'output-prep': { ...everyLivePhase, ...outputPrepRow },
  charging: { ...everyLivePhase, ...chargingRow },
  stopping: { ...everyLivePhase, ...stoppingRow },
  statistics: { ...everyLivePhase, ...statisticsRow },
  error: { ...everyLivePhase, ...errorRow },
  refused: {},
  ended: {},
};

export function eventKey(e: ChargerEvent): EventKey {
  return e.type === 'bms' ? e.msg.name : e.type;
}

export const initialChargerState: ChargerState = {
  phase: 'idle',
  bmsEdition: null,
  bhmMaxVoltageDeciV: null,
  brm: null,
  decision: null,
  recoveries: 0,
  ...FRESH_ATTEMPT,
  contactors: 'open',
  outputOn: false,
  output: { voltageDeciV: 0, currentDeciA: 0, chargingTimeMin: 0, energyWh: 0 },
  afterError: 'recover',
  sending: [],
  timers: [],
};

/**
 * One transition. Events the current phase does not list are ignored (no effects). A timeout of a
 * timer that is not running (cancelled, restarted) is stale and ignored too.
 */
export function transition(cfg: ChargerMachineConfig, state: ChargerState, event: ChargerEvent): StepResult {
  const key = eventKey(event);
  let s = state;
  if (key.startsWith('timeout:')) {
    const timer = key.slice('timeout:'.length);
    if (!s.timers.some((t) => t === timer)) return { next: state, effects: [] };
    s = { ...s, timers: s.timers.filter((t) => t !== timer) };
  }
  const handler = CHARGER_TABLE[s.phase][key] as Handler<EventKey> | undefined;
  if (!handler) return { next: state, effects: [] };
  return handler(new Step(cfg, s), event as never).done();
}

export interface ChargerMachine {
  readonly config: ChargerMachineConfig;
  readonly initial: ChargerState;
  transition(state: ChargerState, event: ChargerEvent): StepResult;
}

export function createChargerMachine(input: ChargerMachineConfigInput = {}): ChargerMachine {
  const config = chargerMachineConfig(input);
  return { config, initial: initialChargerState, transition: (s, e) => transition(config, s, e) };
}
