// The view states the screen shows, one per view, as plain data that the session layer (or a
// designer's --state JSON) fills in. Money is integer fen, energy integer Wh, electrical values
// integer W / mV / mA, durations seconds. Types and the list of view names only.
import type { ReasonCode } from '../authorization/authorize.types.js';
import type { StopReason } from '../../protocols/sync/session-record.js';

export type Lang = 'zh-CN' | 'en';

export type ConnectorStatus = 'available' | 'plugged' | 'charging' | 'finishing' | 'faulted' | 'unavailable';

export interface ConnectorSummary {
  readonly id: number;
  readonly status: ConnectorStatus;
}

/** What started (or is starting) the session; the texts say 刷卡 / VIN / 密码. */
export type StartMethod = 'card' | 'vin-button' | 'password';

/** Shown on every view: header and badges. */
export interface ScreenCommon {
  /** Station or pile name in the header (free text from config). */
  readonly title: string;
  /** The same on the English screen; absent: `title`. */
  readonly titleEn?: string;
  readonly online: boolean;
  /** Local wall-clock time to show, `HH:MM`; omitted: none. */
  readonly clock?: string;
}

export interface IdleViewState {
  readonly view: 'idle';
  readonly connectors: readonly ConnectorSummary[];
  readonly selectedConnectorId: number;
  /** Profile `features.vinCharge`: the VIN充电 button (mode 4). */
  readonly vinCharge: boolean;
  /** The station has a fixed password: the 密码充电 button (mode 1). */
  readonly fixedPassword: boolean;
}

export interface ConnectingViewState {
  readonly view: 'connecting';
  readonly connectorId: number;
  readonly method: StartMethod;
  /** `tap-card`: waiting for a card after 刷卡充电; `plug-in`: waiting for the gun; `reading-vin`: GB/T handshake up to BRM. */
  readonly step: 'tap-card' | 'plug-in' | 'reading-vin';
}

export interface AuthorizingViewState {
  readonly view: 'authorizing';
  readonly connectorId: number;
  readonly method: StartMethod;
  readonly vin?: string | null;
  readonly plate?: string | null;
}

export interface ChargingViewState {
  readonly view: 'charging';
  readonly connectorId: number;
  readonly plate: string | null;
  readonly vin: string | null;
  readonly energyWh: number;
  readonly powerW: number;
  readonly voltageMv: number;
  readonly currentMa: number;
  /** BMS state of charge, 0–100; null when not reported. */
  readonly socPct: number | null;
  readonly elapsedS: number;
  /** Null when the pile does not know the tariff. */
  readonly costFen: number | null;
}

export interface KeypadViewState {
  readonly view: 'keypad';
  readonly connectorId: number;
  /** `stop`: the stop password while charging; `start`: the station's fixed password (密码充电). */
  readonly purpose: 'stop' | 'start';
  /** How many digits were typed (the digits themselves never reach the screen). */
  readonly digitCount: number;
  readonly maxDigits: number;
  /** Tries before the keypad locks; null: not limited or not known. */
  readonly triesLeft: number | null;
  /** Seconds until the keypad unlocks; null when not locked. */
  readonly lockedForS: number | null;
}

export interface ReceiptViewState {
  readonly view: 'receipt';
  readonly connectorId: number;
  readonly plate: string | null;
  readonly vin: string | null;
  readonly energyWh: number;
  readonly durationS: number;
  readonly costFen: number | null;
  readonly stopReason: StopReason;
}

/** Refusal reasons: the authorization decision's codes plus the session layer's. Unknown codes get a generic text. */
export type RefusalReason = Exclude<ReasonCode, 'ok'> | 'decision-timeout' | 'vin-changed' | 'meter-unreadable' | (string & {});

export interface RefusedViewState {
  readonly view: 'refused';
  readonly connectorId: number;
  readonly reason: RefusalReason;
  readonly vin?: string | null;
  readonly cardNo?: string | null;
}

export interface FaultViewState {
  readonly view: 'fault';
  /** Connector the faults are on; null: the whole pile. */
  readonly connectorId: number | null;
  /** Fault codes (shared/fault-catalog.ts); unknown codes are shown as they are. */
  readonly faults: readonly string[];
}

export interface MaintenanceViewState {
  readonly view: 'maintenance';
  readonly message?: string | null;
  /** Expected end, local `HH:MM`. */
  readonly until?: string | null;
}

export type ViewState = IdleViewState | ConnectingViewState | AuthorizingViewState | ChargingViewState | KeypadViewState | ReceiptViewState | RefusedViewState | FaultViewState | MaintenanceViewState;

export type ViewName = ViewState['view'];

export const VIEW_NAMES: readonly ViewName[] = ['idle', 'connecting', 'authorizing', 'charging', 'keypad', 'receipt', 'refused', 'fault', 'maintenance'];

export interface ScreenState {
  readonly common: ScreenCommon;
  readonly view: ViewState;
}
