// Pure mapping from the running agent's per-connector session facts (phase, the session's view
// reason, journal row, last meter reading, GB/T SoC) plus the screen's own UI state (selected
// connector, open keypad, dismissed summaries) to the one ScreenState the touchscreen shows.
// No I/O: app/screen.wiring.ts gathers the facts; a table test covers every phase.
import { REASON_CODES } from '../authorization/authorize.types.js';
import type { StopReason } from '../../protocols/sync/session-record.js';
import { priceSession, type PricedTariff } from '../../protocols/sync/tariff-price.js';
import type { SessionPhase } from '../session/session.types.js';
import type { ConnectorStatus, ScreenState, StartMethod, ViewState } from './view-state.js';

/** The journal row of the connector's current (or last closed) session, as far as the screen needs it. */
export interface SessionFacts {
  readonly credentialKind: string;
  readonly vin: string | null;
  readonly plate: string | null;
  readonly startedAtMs: number;
  /** Set once closed. */
  readonly stoppedAtMs: number | null;
  readonly stopReason: string | null;
  readonly stopDetail: string | null;
  readonly energyWh: number | null;
}

export interface ConnectorFacts {
  readonly id: number;
  readonly phase: SessionPhase;
  /** The session's last view: reason code (refusal, stop reason, fault) and energy since start. */
  readonly reason: string | null;
  readonly energyWh: number | null;
  readonly keypadLocked: boolean;
  readonly faults: readonly string[];
  readonly session: SessionFacts | null;
  readonly meter: { readonly powerW: number; readonly voltageMv: number; readonly currentMa: number } | null;
  readonly socPct: number | null;
  /** The VIN the GB/T link read (BRM), when any. */
  readonly gbtVin: string | null;
}

/** What only the screen knows: which gun it is about, an open keypad (digits kept elsewhere), dismissed summaries. */
export interface ScreenUi {
  readonly selectedConnectorId: number;
  readonly keypad: { readonly connectorId: number; readonly purpose: 'stop' | 'start'; readonly digitCount: number } | null;
  /** Connectors whose receipt / refused screen the user closed (back/done): shown idle until the phase changes. */
  readonly dismissed: readonly number[];
}

export interface PileFacts {
  readonly title: string;
  /** The title on the English screen (config `screen.titleEn`). */
  readonly titleEn?: string;
  readonly online: boolean;
  readonly vinCharge: boolean;
  readonly fixedPassword: boolean;
  readonly nowMs: number;
  readonly maxDigits: number;
  /** Seconds until a locked keypad opens, when known. */
  readonly keypadLockedForS: number | null;
  /** The station's tariff from the synced whitelist (null before the first sync: cost unknown). */
  readonly tariff: PricedTariff | null;
  /** The station's local time (minutes east of UTC) for the tariff's periods. */
  readonly utcOffsetMinutes: number;
  readonly connectors: readonly ConnectorFacts[];
}

const REFUSAL_CODES: ReadonlySet<string> = new Set(REASON_CODES.filter((c) => c !== 'ok' && c !== 'password-wrong'));

export function startMethod(credentialKind: string | undefined): StartMethod {
  if (credentialKind === 'vin-button') return 'vin-button';
  if (credentialKind === 'fixed-password') return 'password';
  return 'card';
}

export function connectorStatus(phase: SessionPhase): ConnectorStatus {
  switch (phase) {
    case 'idle':
    case 'refused':
      return 'available';
    case 'faulted':
      return 'faulted';
    case 'charging':
      return 'charging';
    case 'stopping':
    case 'finished':
      return 'finishing';
    default:
      return 'plugged';
  }
}

const secondsBetween = (fromMs: number, toMs: number) => Math.max(0, Math.floor((toMs - fromMs) / 1000));

/** The view for one connector (`selected`), given the screen's UI state. */
export function connectorView(c: ConnectorFacts, pile: PileFacts, ui: ScreenUi): ViewState {
  const s = c.session;
  if (ui.keypad && ui.keypad.connectorId === c.id) {
    return {
      view: 'keypad',
      connectorId: c.id,
      purpose: ui.keypad.purpose,
      digitCount: ui.keypad.digitCount,
      maxDigits: pile.maxDigits,
      triesLeft: c.keypadLocked ? 0 : null,
      lockedForS: c.keypadLocked ? (pile.keypadLockedForS ?? 0) : null,
    };
  }
  const idle: ViewState = {
    view: 'idle',
    selectedConnectorId: c.id,
    vinCharge: pile.vinCharge,
    fixedPassword: pile.fixedPassword,
    connectors: pile.connectors.map((x) => ({ id: x.id, status: connectorStatus(x.phase) })),
  };
  const dismissed = ui.dismissed.includes(c.id);
  switch (c.phase) {
    case 'idle':
      return idle;
    case 'faulted':
      return { view: 'fault', connectorId: c.id, faults: c.faults.length ? c.faults : [c.reason ?? 'unknown'] };
    case 'authorizing':
    case 'starting':
      return { view: 'authorizing', connectorId: c.id, method: startMethod(s?.credentialKind), vin: s?.vin ?? c.gbtVin, plate: s?.plate ?? null };
    case 'connecting':
      return c.gbtVin
        ? { view: 'authorizing', connectorId: c.id, method: startMethod(s?.credentialKind), vin: c.gbtVin, plate: s?.plate ?? null }
        : { view: 'connecting', connectorId: c.id, method: startMethod(s?.credentialKind), step: 'reading-vin' };
    case 'refused':
      return dismissed ? idle : { view: 'refused', connectorId: c.id, reason: c.reason ?? 'unknown', vin: c.gbtVin };
    case 'stopping':
      // A VIN refused at BRM ends through stopping: show the refusal, not a charging screen.
      if (c.reason && REFUSAL_CODES.has(c.reason)) return { view: 'refused', connectorId: c.id, reason: c.reason, vin: s?.vin ?? c.gbtVin };
      return charging(c, pile);
    case 'charging':
      return charging(c, pile);
    case 'finished': {
      if (dismissed) return idle;
      if (s?.stopReason === 'vin-refused' || c.reason === 'vin-refused') return { view: 'refused', connectorId: c.id, reason: s?.stopDetail ?? 'vin-refused', vin: s?.vin ?? c.gbtVin };
      return {
        view: 'receipt',
        connectorId: c.id,
        plate: s?.plate ?? null,
        vin: s?.vin ?? null,
        energyWh: c.energyWh ?? s?.energyWh ?? 0,
        durationS: s ? secondsBetween(s.startedAtMs, s.stoppedAtMs ?? pile.nowMs) : 0,
        costFen: cost(pile, s, s?.stoppedAtMs ?? pile.nowMs, c.energyWh ?? s?.energyWh ?? 0),
        stopReason: (c.reason ?? s?.stopReason ?? 'other') as StopReason,
      };
    }
  }
}

function charging(c: ConnectorFacts, pile: PileFacts): ViewState {
  const s = c.session;
  return {
    view: 'charging',
    connectorId: c.id,
    plate: s?.plate ?? null,
    vin: s?.vin ?? c.gbtVin,
    energyWh: Math.max(0, c.energyWh ?? 0),
    powerW: c.meter?.powerW ?? 0,
    voltageMv: c.meter?.voltageMv ?? 0,
    currentMa: Math.abs(c.meter?.currentMa ?? 0),
    socPct: c.socPct,
    elapsedS: s ? secondsBetween(s.startedAtMs, pile.nowMs) : 0,
    costFen: cost(pile, s, pile.nowMs, Math.max(0, c.energyWh ?? 0)),
  };
}

/** The cost so far in integer fen at the station's tariff (the price the cloud bills), or null when unknown. */
function cost(pile: PileFacts, s: SessionFacts | null, untilMs: number, energyWh: number): number | null {
  if (!pile.tariff || !s) return null;
  return priceSession(pile.tariff, s.startedAtMs, untilMs, energyWh, pile.utcOffsetMinutes);
}

/** The whole screen: header facts plus the selected connector's view (a keypad's connector wins). */
export function sessionToScreen(pile: PileFacts, ui: ScreenUi): ScreenState {
  const id = ui.keypad?.connectorId ?? ui.selectedConnectorId;
  const c = pile.connectors.find((x) => x.id === id) ?? pile.connectors[0];
  const common = { title: pile.title, ...(pile.titleEn ? { titleEn: pile.titleEn } : {}), online: pile.online };
  if (!c) return { common, view: { view: 'fault', connectorId: null, faults: ['no-connector'] } };
  return { common, view: connectorView(c, pile, ui) };
}
