// Colours and type sizes of the pile's screens, in one place so every view looks alike. Sizes are
// in layout units (layout.ts `u`: 1 at 800×480), never raw pixels. Data only.
import type { Color } from '../../ports/display.port.js';

export const COLORS = {
  background: '#0f1c2e',
  header: '#16283f',
  panel: '#1e3350',
  panelLine: '#2f4a70',
  text: '#ffffff',
  muted: '#9fb3c8',
  primary: '#1aa260', // 刷卡充电, start, done
  vin: '#1f6feb', // VIN充电
  password: '#7d4cdb', // 密码充电
  danger: '#d64541', // stop, refusal
  warning: '#e0a100', // fault, offline
  disabled: '#3a4a5e',
  disabledText: '#7a8a9e',
  keypad: '#2a4466',
  accent: '#4fc3f7',
} as const satisfies Record<string, Color>;

/** Type sizes in layout units. */
export const TYPE = {
  headerTitle: 22,
  badge: 16,
  title: 34,
  body: 22,
  small: 17,
  button: 28,
  metricValue: 30,
  metricLabel: 16,
  hero: 64,
  key: 34,
} as const;
