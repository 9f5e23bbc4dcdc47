// What the technician console needs from the running agent, as one small interface: read-only
// queries (connectors, sessions, whitelist, faults, config, log) and a few active requests (read a
// meter now, follow the GB/T trace). The console never reaches past it; app/console.wiring.ts adapts
// the composed agent to it and unit tests use a fake (src/testing/fake-console-context.ts). Types only.
import type { VinStatus } from '../../protocols/gbt27930/messages/types.js';
import type { BmsTraceRecord } from '../../ports/bms-link.port.js';
import type { CardPresented } from '../../ports/card-reader.port.js';
import type { MeterReadError, MeterReading } from '../../ports/energy-meter.port.js';
import type { FaultCode } from '../../shared/fault-catalog.js';
import type { Result } from '../../shared/result.js';
import type { WhitelistRepo } from '../authorization/whitelist.repo.js';
import type { SyncControl } from '../sync/sync-status.js';
import type { ScreenState } from '../screen/view-state.js';

export interface PileIdentity {
  readonly pileId: string;
  readonly stationId: string;
  readonly profileId: string;
}

export interface ConsoleConnectorStatus {
  /** Connector number as printed on the pile. */
  readonly id: number;
  /** Session state of this connector (`idle`, `authorizing`, `charging`, … as the session layer names it). */
  readonly sessionState: string;
  readonly sessionId: string | null;
  /** GB/T 27930 phase name and code (S0…S9, SE, refused, ended), or null when no link is built. */
  readonly gbt: { readonly phase: string; readonly code: string } | null;
  readonly vin: string | null;
  readonly vinStatus: VinStatus | null;
  /** The last good meter reading (what the sampler saw), or null before the first one. */
  readonly meter: MeterReading | null;
}

export interface SessionSummary {
  readonly sessionId: string;
  readonly connectorId: number;
  readonly state: string;
  /** Charging mode 1–4 (docs/charging-modes.md), or null before the credential decision. */
  readonly mode: number | null;
  /** `card:<no>`, `password`, `vin-button`, `remote` … as the journal records it. */
  readonly credential: string;
  readonly vin: string | null;
  readonly plate: string | null;
  /** ISO 8601 UTC. */
  readonly startedAt: string;
  readonly stoppedAt: string | null;
  readonly energyWh: number | null;
  readonly stopReason: string | null;
}

export interface CloudLinkStatus {
  readonly state: 'connected' | 'connecting' | 'offline' | 'disabled';
  readonly detail?: string;
}

export interface ConsoleFault {
  readonly code: FaultCode;
  readonly source: string;
  readonly detail?: string;
  /** Wall-clock ms when it was raised. */
  readonly sinceMs: number;
}

/** The CAN link of one connector, as the transport sees it. */
export interface CanLinkStatus {
  readonly connectorId: number;
  /** `slcan /dev/ttyACM0`, `socketcan can0`, … */
  readonly transport: string;
  readonly state: 'open' | 'closed' | 'error';
  readonly detail?: string;
}

/** What hardware the profile declares and whether it was opened; null = not in the profile. */
export interface DeviceInventory {
  readonly can: readonly CanLinkStatus[];
  readonly meters: readonly { readonly connectorId: number; readonly description: string }[];
  readonly reader: { readonly description: string; readonly started: boolean } | null;
  readonly screen: { readonly description: string; readonly available: boolean } | null;
}

/** The whitelist queries the console uses (the repository's read side). */
export type ConsoleWhitelist = Pick<WhitelistRepo, 'version' | 'counts' | 'vehicleByVin' | 'card' | 'findByPlate' | 'department'>;

export interface ConsoleContext {
  pile(): PileIdentity;
  connectors(): readonly ConsoleConnectorStatus[];
  /** Open sessions and the most recent finished ones (newest first, at most `recentLimit`). */
  sessions(recentLimit: number): { readonly open: readonly SessionSummary[]; readonly recent: readonly SessionSummary[] };
  cloudLink(): CloudLinkStatus;
  faults(): readonly ConsoleFault[];
  whitelist(): ConsoleWhitelist;
  devices(): DeviceInventory;
  /** The last card presented to the reader, or null (also null when the pile has no reader). */
  lastCard(): CardPresented | null;
  /** The effective configuration; the console redacts secrets again before printing. */
  config(): Readonly<Record<string, unknown>>;
  /** The last `n` log lines, oldest first. */
  logTail(n: number): readonly string[];
  /** Reads the connector's meter now. Never rejects; an unknown connector is an error value. */
  readMeter(connectorId: number): Promise<Result<MeterReading, MeterReadError>>;
  /** Follows every connector's GB/T frames (decoded); returns the unsubscribe function. */
  onTrace(listener: (connectorId: number, record: BmsTraceRecord) => void): () => void;
  /** What the touchscreen shows now (the selected connector's view and the header), or null before it has drawn. */
  screen(): ScreenState | null;
  /** Presses a connector's screen button as a touch would (`vin-charge`: VIN充电). */
  pressButton(connectorId: number, button: 'vin-charge'): void;
  /** Enters digits on a connector's keypad and confirms them, as a driver would (start or stop password). */
  enterPassword(connectorId: number, digits: string): void;
  /** The pile's sync service (`sync`, `sync now`); absent when the cloud link is not configured. */
  readonly sync?: SyncControl;
  /** The agent's own view, as the scenario runner reads it from a pile process (`probe`): for a bench driving a real controller. */
  probe(what: ProbeWhat, limit: number): unknown;
  /**
   * Commissioning on site (`provision`): keeps the identity and secret, empties the whitelist when the
   * pile changes station or id, and restarts the agent. The text says what happens next.
   */
  provision(identity: ProvisionIdentity, secret: string): Result<string, string>;
}

export const PROBE_WHAT = ['connectors', 'last-card', 'sessions', 'screen', 'link'] as const;
export type ProbeWhat = (typeof PROBE_WHAT)[number];

export interface ProvisionIdentity {
  readonly pileId: string;
  readonly stationId: number;
  readonly url: string;
}
