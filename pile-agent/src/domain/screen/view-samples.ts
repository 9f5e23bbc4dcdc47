// Sample view states: the defaults of `screen render --view NAME`, the golden PNGs in
// pile-agent/docs/screens and the render benchmark. A sample name is a view name or
// `<view>-<variant>`; every view has a sample under its own name. Data only.
import type { ScreenCommon, ViewState } from './view-state.js';

export const SAMPLE_COMMON: ScreenCommon = { title: '公交一场 · 3号桩', titleEn: 'Bus Depot 1 · Pile 3', online: true, clock: '14:32' };

const VIN = 'LZYTBTE68K1019834';

export const VIEW_SAMPLES = {
  idle: {
    view: 'idle',
    connectors: [
      { id: 1, status: 'available' },
      { id: 2, status: 'charging' },
    ],
    selectedConnectorId: 1,
    vinCharge: true,
    fixedPassword: true,
  },
  'idle-card-only': { view: 'idle', connectors: [{ id: 1, status: 'plugged' }], selectedConnectorId: 1, vinCharge: false, fixedPassword: false },
  'idle-busy': {
    view: 'idle',
    connectors: [
      { id: 1, status: 'available' },
      { id: 2, status: 'faulted' },
    ],
    selectedConnectorId: 2,
    vinCharge: true,
    fixedPassword: false,
  },
  connecting: { view: 'connecting', connectorId: 1, method: 'vin-button', step: 'reading-vin' },
  'connecting-plug-in': { view: 'connecting', connectorId: 1, method: 'vin-button', step: 'plug-in' },
  'connecting-tap-card': { view: 'connecting', connectorId: 1, method: 'card', step: 'tap-card' },
  authorizing: { view: 'authorizing', connectorId: 1, method: 'vin-button', vin: VIN, plate: '沪A32567' },
  charging: {
    view: 'charging',
    connectorId: 1,
    plate: '沪A32567',
    vin: VIN,
    energyWh: 48_365,
    powerW: 96_500,
    voltageMv: 612_400,
    currentMa: 157_600,
    socPct: 63,
    elapsedS: 1_985,
    costFen: 5_320,
  },
  keypad: { view: 'keypad', connectorId: 1, purpose: 'stop', digitCount: 3, maxDigits: 6, triesLeft: 2, lockedForS: null },
  'keypad-locked': { view: 'keypad', connectorId: 1, purpose: 'stop', digitCount: 0, maxDigits: 6, triesLeft: 0, lockedForS: 299 },
  'keypad-start': { view: 'keypad', connectorId: 2, purpose: 'start', digitCount: 0, maxDigits: 6, triesLeft: null, lockedForS: null },
  receipt: { view: 'receipt', connectorId: 1, plate: '沪A32567', vin: VIN, energyWh: 152_340, durationS: 5_420, costFen: 16_757, stopReason: 'bms-full' },
  refused: { view: 'refused', connectorId: 1, reason: 'vin-unregistered', vin: VIN },
  'refused-vin-absent': { view: 'refused', connectorId: 1, reason: 'vin-absent' },
  'refused-department-not-bound': { view: 'refused', connectorId: 1, reason: 'department-not-bound', cardNo: '3954061521' },
  'refused-cannot-pay': { view: 'refused', connectorId: 1, reason: 'cannot-pay', cardNo: '3954061521' },
  'refused-card-unknown': { view: 'refused', connectorId: 1, reason: 'card-unknown', cardNo: '04A2B3C4' },
  fault: { view: 'fault', connectorId: 2, faults: ['meter.comm-loss', 'can.bus-off'] },
  maintenance: { view: 'maintenance', message: null, until: '16:00' },
} as const satisfies Record<string, ViewState>;

export type SampleName = keyof typeof VIEW_SAMPLES;

export const SAMPLE_NAMES = Object.keys(VIEW_SAMPLES) as SampleName[];

export function isSampleName(s: string): s is SampleName {
  return Object.hasOwn(VIEW_SAMPLES, s);
}
