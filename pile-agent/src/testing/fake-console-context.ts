// A ConsoleContext made of plain data for tests and benches (exported through pile-agent/testing.ts):
// a two-connector pile with a seeded in-memory whitelist, scripted meter answers and a trace feed
// the test pushes records into. Every field is public and mutable so a test changes only what it
// is about. Never used by the agent at run time.
import { err, ok, type Result } from '../shared/result.js';
import type { BmsTraceRecord } from '../ports/bms-link.port.js';
import type { CardPresented } from '../ports/card-reader.port.js';
import type { MeterReadError, MeterReading } from '../ports/energy-meter.port.js';
import { MemoryWhitelistRepo } from '../domain/authorization/whitelist.memory-repo.js';
import type { SyncControl } from '../domain/sync/sync-status.js';
import { aCard, aDepartment, aVehicle, aVin, snapshotPage } from '../domain/authorization/whitelist.builders.js';
import type {
  ConsoleFault,
  CloudLinkStatus,
  ConsoleConnectorStatus,
  ConsoleContext,
  ConsoleWhitelist,
  DeviceInventory,
  PileIdentity,
  ProbeWhat,
  ProvisionIdentity,
  SessionSummary,
} from '../domain/console/console-context.js';
import { TypedEmitter } from '../shared/typed-emitter.js';
import type { ScreenState } from '../domain/screen/view-state.js';

export const FAKE_READING: MeterReading = { energyWh: 123_456, powerW: 60_000, voltageMv: 650_000, currentMa: 92_300, atMs: 0 };

/** The whitelist the fake starts with: department D1 (bound), D2 (not bound), two vehicles, two cards. */
export function seededWhitelist(): MemoryWhitelistRepo {
  const repo = new MemoryWhitelistRepo();
  const page = snapshotPage(42, {
    departments: [aDepartment(), aDepartment({ id: 'D2', name: '公交二公司', boundHere: false, vinOnly: true })],
    vehicles: [aVehicle(), aVehicle({ vin: aVin(2), plate: '沪B-10086', departmentId: 'D2' })],
    cards: [aCard(), aCard({ cardNo: '1234567890', memberId: 'M-ADMIN', memberName: '站点通卡A', memberKind: 'virtual', departmentId: null, stationAdmin: true })],
  });
  const applied = repo.applyPage(page);
  if (!applied.ok) throw new Error(`seed whitelist rejected: ${JSON.stringify(applied.error)}`);
  return repo;
}

export class FakeConsoleContext implements ConsoleContext {
  private readonly events = new TypedEmitter<{ trace: [connectorId: number, record: BmsTraceRecord] }>();
  identity: PileIdentity = { pileId: 'P-TEST-1', stationId: 'S-TEST', profileId: 'sim' };
  connectorList: ConsoleConnectorStatus[] = [
    { id: 1, sessionState: 'charging', sessionId: 's-0001', gbt: { phase: 'charging', code: 'S7' }, vin: aVin(1), vinStatus: 'valid', meter: FAKE_READING },
    { id: 2, sessionState: 'idle', sessionId: null, gbt: { phase: 'idle', code: 'S0' }, vin: null, vinStatus: null, meter: null },
  ];
  openSessions: SessionSummary[] = [
    {
      sessionId: 's-0001',
      connectorId: 1,
      state: 'charging',
      mode: 4,
      credential: 'vin-button',
      vin: aVin(1),
      plate: '沪A32567',
      startedAt: '2026-01-01T00:00:00Z',
      stoppedAt: null,
      energyWh: 1500,
      stopReason: null,
    },
  ];
  recentSessions: SessionSummary[] = [
    {
      sessionId: 's-0000',
      connectorId: 2,
      state: 'finished',
      mode: 2,
      credential: 'card:04A1B2C3',
      vin: null,
      plate: '沪A32567',
      startedAt: '2025-12-31T22:00:00Z',
      stoppedAt: '2025-12-31T23:00:00Z',
      energyWh: 80_250,
      stopReason: 'card',
    },
  ];
  link: CloudLinkStatus = { state: 'offline', detail: 'broker unreachable' };
  activeFaults: ConsoleFault[] = [];
  repo: MemoryWhitelistRepo = seededWhitelist();
  inventory: DeviceInventory = {
    can: [
      { connectorId: 1, transport: 'slcan /dev/pts/1', state: 'open' },
      { connectorId: 2, transport: 'slcan /dev/pts/2', state: 'open' },
    ],
    meters: [
      { connectorId: 1, description: 'acrel-djsf1352-rn @ rs485-1/1' },
      { connectorId: 2, description: 'acrel-djsf1352-rn-float @ rs485-1/2' },
    ],
    reader: { description: 'pn532-hsu /dev/pts/3', started: true },
    screen: { description: '800x480 RGB565 /dev/fb0', available: true },
  };
  card: CardPresented | null = null;
  configValue: Record<string, unknown> = {
    pileId: 'P-TEST-1',
    console: { technicianPinHash: 'scrypt$16384$8$1$c2FsdA==$a2V5', idleLogoutMs: 600_000 },
    cloud: { url: 'mqtts://cloud.example:8883', password: 'hunter2' },
  };
  logLines: string[] = ['2026-01-01T00:00:00Z INFO agent started', '2026-01-01T00:00:01Z WARN meter slow'];
  /** Meter answers by connector; a missing entry reads FAKE_READING. */
  meterAnswers = new Map<number, Result<MeterReading, MeterReadError>>();
  meterReads: number[] = [];
  /** The sync service; undefined = cloud link not configured (a test sets a fake). */
  sync: SyncControl | undefined = undefined;

  pile(): PileIdentity {
    return this.identity;
  }
  connectors(): readonly ConsoleConnectorStatus[] {
    return this.connectorList;
  }
  sessions(recentLimit: number) {
    return { open: this.openSessions, recent: this.recentSessions.slice(0, recentLimit) };
  }
  cloudLink(): CloudLinkStatus {
    return this.link;
  }
  faults(): readonly ConsoleFault[] {
    return this.activeFaults;
  }
  whitelist(): ConsoleWhitelist {
    return this.repo;
  }
  devices(): DeviceInventory {
    return this.inventory;
  }
  lastCard(): CardPresented | null {
    return this.card;
  }
  /** What `screen` answers; presses and typed passwords are recorded in `inputs`. */
  screenState: ScreenState | null = null;
  readonly inputs: string[] = [];
  screen(): ScreenState | null {
    return this.screenState;
  }
  pressButton(connectorId: number, button: 'vin-charge'): void {
    this.inputs.push(`press ${connectorId} ${button}`);
  }
  enterPassword(connectorId: number, digits: string): void {
    this.inputs.push(`keypad ${connectorId} ${digits}`);
  }
  config(): Readonly<Record<string, unknown>> {
    return this.configValue;
  }
  /** What `probe` answers, by what; the requests are recorded in `probes`. */
  probeAnswers: Partial<Record<ProbeWhat, unknown>> = {};
  readonly probes: string[] = [];
  probe(what: ProbeWhat, limit: number): unknown {
    this.probes.push(`${what} ${limit}`);
    return this.probeAnswers[what] ?? null;
  }
  /** `provision` requests (secrets included, for the test to check); `provisionError` makes it fail. */
  readonly provisioned: Array<{ identity: ProvisionIdentity; secret: string }> = [];
  provisionError: string | null = null;
  provision(identity: ProvisionIdentity, secret: string): Result<string, string> {
    if (this.provisionError) return err(this.provisionError);
    this.provisioned.push({ identity, secret });
    return ok(`provisioned as pile ${identity.pileId}`);
  }
  logTail(n: number): readonly string[] {
    return this.logLines.slice(-n);
  }
  async readMeter(connectorId: number): Promise<Result<MeterReading, MeterReadError>> {
    this.meterReads.push(connectorId);
    if (!this.connectorList.some((c) => c.id === connectorId)) return err({ code: 'closed', message: `no connector ${connectorId}` });
    return this.meterAnswers.get(connectorId) ?? ok(FAKE_READING);
  }
  onTrace(listener: (connectorId: number, record: BmsTraceRecord) => void): () => void {
    return this.events.on('trace', listener);
  }

  /** Pushes a trace record to every subscriber (what a GB/T link's trace hook would do). */
  pushTrace(connectorId: number, record: BmsTraceRecord): void {
    this.events.emit('trace', connectorId, record);
  }
  get traceSubscribers(): number {
    return this.events.listenerCount('trace');
  }
}
