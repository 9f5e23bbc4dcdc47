// The composed agent's read-only introspection (for the technician console and the screen) and its
// command entry points. Introspection reads the connectors' session state, GB/T link snapshots,
// last meter readings, active faults, the whitelist cache, recent journal sessions (stop-password
// hashes removed) and the config with secrets redacted. Commands feed the session machines.
import type { CredentialDecider } from '../domain/session/credential-decider.js';
import type { JournalSessionRow } from '../domain/session/journal.repo.js';
import { publicStopBy } from '../domain/session/session-recorder.js';
import type { ConnectorSession } from '../domain/session/session.service.js';
import type { ConnectorState, ConnectorView } from '../domain/session/session.types.js';
import type { BmsLink, BmsLinkSnapshot, BmsTraceRecord } from '../ports/bms-link.port.js';
import type { CardPresented, CardReader } from '../ports/card-reader.port.js';
import type { MeterReading } from '../ports/energy-meter.port.js';
import type { Logger } from '../shared/logger.js';
import { connectorForCard } from './card-routing.js';
import { redactConfig, type AgentConfig } from './config.schema.js';
import type { ActiveFault, FaultRegistry } from './fault-registry.js';
import type { SyncControl } from '../domain/sync/sync-status.js';
import type { Storage } from './storage.wiring.js';

export interface ConnectorStatus {
  readonly id: number;
  readonly phase: ConnectorState['phase'];
  readonly sessionId: string | null;
  readonly view: ConnectorView;
  readonly gbt: BmsLinkSnapshot;
  readonly lastMeter: MeterReading | null;
  readonly keypadLocked: boolean;
  readonly faults: readonly string[];
}

export interface AgentIntrospection {
  connectors(): readonly ConnectorStatus[];
  faults(): readonly ActiveFault[];
  readonly whitelist: Pick<Storage['whitelist'], 'version' | 'counts' | 'card' | 'vehicleByVin' | 'department' | 'findByPlate' | 'station'>;
  recentSessions(limit?: number): readonly JournalSessionRow[];
  outboxCount(): number;
  config(): AgentConfig;
  lastCard(): CardPresented | null;
  /** GB/T frames of one connector (rx/tx, decoded); returns the unsubscribe function. */
  onTrace(connectorId: number, listener: (record: BmsTraceRecord) => void): () => void;
  onConnector(listener: (id: number, state: ConnectorState) => void): () => void;
  onView(listener: (id: number, view: ConnectorView) => void): () => void;
  /** The sync service (console `sync`, `sync now`); set by the composition root when a cloud is configured. */
  sync?: SyncControl;
}

export type ButtonName = 'vin-charge';

export interface AgentCommands {
  /** A card as if presented on the reader (routed like one). */
  presentCard(cardNo: string): number | null;
  enterPassword(connectorId: number, password: string): void;
  pressButton(connectorId: number, button: ButtonName): void;
  remoteStart(connectorId: number, cardNo: string): void;
  remoteStop(connectorId: number, reason?: 'remote' | 'cloud-veto', detail?: string | null): void;
  /** The connector the screen has selected (cards without a running session go there). */
  selectConnector(connectorId: number | null): void;
}

export interface AgentFacesDeps {
  readonly sessions: ReadonlyMap<number, ConnectorSession>;
  readonly links: ReadonlyMap<number, BmsLink>;
  readonly storage: Storage;
  readonly faults: FaultRegistry;
  readonly reader: CardReader | null;
  readonly config: AgentConfig;
  readonly decider: CredentialDecider;
  readonly logger: Logger;
}

const redactRow = (r: JournalSessionRow): JournalSessionRow => ({ ...r, stopBy: publicStopBy(r.stopBy) as JournalSessionRow['stopBy'] });

export function agentFaces(deps: AgentFacesDeps): { introspection: AgentIntrospection; commands: AgentCommands } {
  let selected: number | null = null;
  const sessionOf = (id: number): ConnectorSession => {
    const s = deps.sessions.get(id);
    if (!s) throw new RangeError(`no connector ${id} (has ${[...deps.sessions.keys()].join(', ')})`);
    return s;
  };
  const introspection: AgentIntrospection = {
    connectors: () =>
      [...deps.sessions].map(([id, s]) => ({
        id,
        phase: s.state.phase,
        sessionId: s.state.session?.sessionId ?? null,
        view: s.view,
        gbt: deps.links.get(id)!.snapshot(),
        lastMeter: s.lastMeterReading,
        keypadLocked: s.state.keypad.locked,
        faults: s.state.faults,
      })),
    faults: () => deps.faults.list(),
    whitelist: deps.storage.whitelist,
    recentSessions: (limit = 20) => deps.storage.journal.recent(limit).map(redactRow),
    outboxCount: () => deps.storage.outbox.count(),
    config: () => redactConfig(deps.config),
    lastCard: () => deps.reader?.lastCard() ?? null,
    onTrace: (id, listener) => {
      const link = deps.links.get(id);
      if (!link) throw new RangeError(`no connector ${id}`);
      return link.on('trace', listener);
    },
    onConnector: (listener) => {
      const offs = [...deps.sessions].map(([id, s]) => s.on('state', (st) => listener(id, st)));
      return () => offs.forEach((off) => off());
    },
    onView: (listener) => {
      const offs = [...deps.sessions].map(([id, s]) => s.on('view', (v) => listener(id, v)));
      return () => offs.forEach((off) => off());
    },
  };
  const commands: AgentCommands = {
    presentCard: (cardNo) => {
      const id = connectorForCard(cardNo, deps.sessions, selected);
      if (id === null) deps.logger.warn({ cardNo }, 'card ignored: no connector can use it now');
      else sessionOf(id).input({ type: 'card', cardNo });
      return id;
    },
    enterPassword: (id, password) => sessionOf(id).input({ type: 'password', password }),
    pressButton: (id, button) => {
      if (button === 'vin-charge') sessionOf(id).input({ type: 'vin-button' });
    },
    remoteStart: (id, cardNo) => sessionOf(id).input({ type: 'remote-start', cardNo }),
    remoteStop: (id, reason, detail) => sessionOf(id).input({ type: 'remote-stop', reason, detail }),
    selectConnector: (id) => {
      if (id !== null) sessionOf(id);
      selected = id;
    },
  };
  return { introspection, commands };
}
