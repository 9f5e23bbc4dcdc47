// Wiring step: the technician console. Adapts the composed agent (introspection, meters, health,
// profile, config) to the console's ConsoleContext and runs the ConsoleService on the profile's
// console port — a serial line, retried every 5 s while it cannot be opened (a missing port never
// stops the agent) — or on stdio (stdin in, stderr out: JSON logs on stdout stay clean; raw mode on
// a terminal). The PIN hash comes from the config; without one nobody can log in.
import type { LoadedProfile } from '../../../hw-profiles/index.js';
import { createConsoleRegistry } from '../domain/console/commands/index.js';
import type { ConsoleContext, DeviceInventory, ProvisionIdentity, SessionSummary } from '../domain/console/console-context.js';
import { ConsoleService, type ConsoleLine } from '../domain/console/console.service.js';
import { LogRing } from '../domain/console/log-ring.js';
import { LoginGate } from '../domain/console/login.js';
import type { JournalSessionRow } from '../domain/session/journal.repo.js';
import { PHASE_CODE } from '../protocols/gbt27930/charger/charger-types.js';
import type { Clock, TimerHandle } from '../ports/clock.port.js';
import type { EnergyMeter } from '../ports/energy-meter.port.js';
import type { SerialLine, SerialLineOptions } from '../ports/serial-line.port.js';
import { err, ok, type Result } from '../shared/result.js';
import { probeAgent } from './probe.js';
import { writeProvisioned } from './provisioning.js';
import type { Logger } from '../shared/logger.js';
import type { AgentConfig } from './config.schema.js';
import type { FaultRegistry } from './fault-registry.js';
import type { AgentCommands, AgentIntrospection } from './introspection.js';
import type { ScreenState } from '../domain/screen/view-state.js';
import type { AgentHealth, Component } from './lifecycle.js';

export interface ConsoleWiringDeps {
  readonly profile: LoadedProfile;
  readonly config: AgentConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly introspection: AgentIntrospection;
  /** The screen's button and keypad entry points (the same the touchscreen uses). */
  readonly commands: Pick<AgentCommands, 'pressButton' | 'enterPassword'>;
  /** What the screen shows now (null before it has drawn, or without a screen step yet). */
  readonly screen: () => ScreenState | null;
  readonly faults: FaultRegistry;
  /** The connector's meter once the meters are open (undefined before). */
  readonly meter: (connectorId: number) => EnergyMeter | undefined;
  readonly health: () => AgentHealth;
  readonly openLine: (options: SerialLineOptions) => SerialLine;
  /** Empties the whitelist cache (provisioned to another station or pile id). */
  readonly forgetWhitelist?: () => void;
  /** Stops and boots the agent again (absent: `provision` tells the technician to restart it). */
  readonly restart?: () => void;
  /** Streams for a stdio console (tests); default process.stdin / process.stderr. */
  readonly stdio?: { readonly input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown }; readonly output: NodeJS.WritableStream };
}

const LOG_TAIL_LINES = 500;
const REOPEN_MS = 5000;

function summary(r: JournalSessionRow): SessionSummary {
  return {
    sessionId: r.sessionId,
    connectorId: r.connectorId,
    state: r.state,
    mode: r.mode,
    credential: r.cardNo ? `${r.credentialKind}:${r.cardNo}` : r.credentialKind,
    vin: r.vin,
    plate: r.plate,
    startedAt: r.startedAt,
    stoppedAt: r.stoppedAt,
    energyWh: (r.meterStopWh ?? r.lastMeterWh) - r.meterStartWh,
    stopReason: r.stopReason,
  };
}

function inventory(profile: LoadedProfile, health: AgentHealth): DeviceInventory {
  const started = (name: string) => health.components.some((c) => c.name === name && c.started);
  const r = profile.cardReader;
  const s = profile.screen;
  return {
    can: profile.connectors.map((c) => ({
      connectorId: c.id,
      transport: c.can.kind === 'slcan' ? `slcan ${c.can.path}` : c.can.kind === 'socketcan' ? `socketcan ${c.can.iface}` : `candump ${c.can.file}`,
      state: started('connectors') ? ('open' as const) : ('closed' as const),
    })),
    meters: profile.connectors.map((c) => ({
      connectorId: c.id,
      description: 'bus' in c.meter ? `${c.meter.map} @ ${c.meter.bus}/${c.meter.address}` : `${c.meter.map} @ tcp ${c.meter.tcp.host}:${c.meter.tcp.port}`,
    })),
    reader: r ? { description: `${r.protocol} ${r.transport.kind === 'serial' ? r.transport.path : `${r.transport.bus}/${r.transport.address}`}`, started: started('card-reader') } : null,
    screen: s ? { description: `${s.width}x${s.height} ${s.pixelFormat} ${s.framebuffer}`, available: health.components.some((c) => /screen/.test(c.name) && c.started) } : null,
  };
}

const RESTART_AFTER_MS = 200;

function provision(deps: ConsoleWiringDeps, identity: ProvisionIdentity, secret: string): Result<string, string> {
  const { config } = deps;
  const r = writeProvisioned(config.dataDir, identity, secret);
  if (!r.ok) return r;
  const moved = identity.stationId !== config.stationId || identity.pileId !== config.pileId;
  if (moved) deps.forgetWhitelist?.();
  deps.logger.warn({ pileId: identity.pileId, stationId: identity.stationId, url: identity.url, whitelistEmptied: moved }, 'pile provisioned on the console');
  const what = `provisioned as pile ${identity.pileId} at station ${identity.stationId}, cloud ${identity.url}${moved ? '; the old whitelist is emptied' : ''}`;
  if (!deps.restart) return ok(`${what}; restart the agent to apply`);
  // After the answer has gone out: the restart stops this console.
  deps.clock.setTimer(RESTART_AFTER_MS, deps.restart);
  return ok(`${what}; the agent restarts now`);
}

/** The ConsoleContext of a composed agent. */
export function agentConsoleContext(deps: ConsoleWiringDeps, ring: LogRing): ConsoleContext {
  const { introspection: agent, profile, config } = deps;
  return {
    pile: () => ({ pileId: config.pileId, stationId: String(config.stationId), profileId: profile.id }),
    connectors: () =>
      agent.connectors().map((c) => ({
        id: c.id,
        sessionState: c.phase,
        sessionId: c.sessionId,
        gbt: { phase: c.gbt.phase, code: PHASE_CODE[c.gbt.phase] },
        vin: c.gbt.vin,
        vinStatus: c.gbt.vinStatus,
        meter: c.lastMeter,
      })),
    sessions: (recentLimit) => {
      const rows = agent.recentSessions(recentLimit + profile.connectors.length).map(summary);
      return { open: rows.filter((s) => s.state === 'open'), recent: rows.filter((s) => s.state !== 'open').slice(0, recentLimit) };
    },
    cloudLink: () => {
      const sync = agent.sync;
      if (sync) {
        const s = sync.status();
        return { state: s.link === 'online' ? 'connected' : s.link, ...(s.brokerUrl ? { detail: s.brokerUrl } : {}) };
      }
      return config.cloud.url ? { state: 'offline', detail: `${config.cloud.url}: the cloud link is not wired in this build` } : { state: 'disabled', detail: 'no cloud url configured' };
    },
    faults: () => agent.faults().map((f) => ({ code: f.code, source: f.source, detail: f.detail ?? undefined, sinceMs: Date.parse(f.since) })),
    whitelist: () => agent.whitelist,
    devices: () => inventory(profile, deps.health()),
    lastCard: () => agent.lastCard(),
    screen: () => deps.screen(),
    pressButton: (id, button) => deps.commands.pressButton(id, button),
    enterPassword: (id, digits) => deps.commands.enterPassword(id, digits),
    config: () => ({ ...agent.config(), profile: profile.id }),
    logTail: (n) => ring.tail(n),
    readMeter: async (id) => {
      const meter = deps.meter(id);
      return meter ? meter.read() : err({ code: 'closed', message: `connector ${id}: no meter open` });
    },
    onTrace: (listener) => {
      const offs = profile.connectors.map((c) => agent.onTrace(c.id, (record) => listener(c.id, record)));
      return () => offs.forEach((off) => off());
    },
    probe: (what, limit) => probeAgent(agent, deps.screen, what, limit),
    provision: (identity, secret) => provision(deps, identity, secret),
    // Read at each call: the composition root may set introspection.sync after the console is wired.
    get sync() {
      return agent.sync;
    },
  };
}

function stdioLine(stdio: NonNullable<ConsoleWiringDeps['stdio']>): ConsoleLine & { close(): void } {
  const { input, output } = stdio;
  if (input.isTTY && input.setRawMode) input.setRawMode(true);
  const listeners: ((chunk: Buffer) => void)[] = [];
  return {
    write: (bytes) => new Promise<void>((resolve, reject) => output.write(bytes, (e) => (e ? reject(e) : resolve()))),
    onData: (listener) => {
      const l = (chunk: Buffer) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      listeners.push(l);
      input.on('data', l);
      return () => input.off('data', l);
    },
    close: () => {
      for (const l of listeners.splice(0)) input.off('data', l);
      if (input.isTTY && input.setRawMode) input.setRawMode(false);
      input.pause();
    },
  };
}

/** The console as a lifecycle component (start it last, so every query has something to read). */
export function wireConsole(deps: ConsoleWiringDeps): Component {
  const log = deps.logger.child({ ns: 'agent:app:console' });
  const ring = new LogRing(LOG_TAIL_LINES, () => deps.clock.now());
  const logger = ring.logger(log);
  const context = agentConsoleContext(deps, ring);
  const cons = deps.profile.console;
  let service: ConsoleService | null = null;
  let serial: SerialLine | null = null;
  let stdio: ReturnType<typeof stdioLine> | null = null;
  let reopen: TimerHandle | null = null;
  let stopped = false;
  const offs: (() => void)[] = [];

  const run = (line: ConsoleLine, channel: string) => {
    service = new ConsoleService({
      line,
      context,
      registry: createConsoleRegistry(),
      clock: deps.clock,
      logger,
      channel,
      login: new LoginGate({ pinHash: deps.config.console.pinHash ?? null, clock: deps.clock, logger }),
    });
    service.start();
  };
  const openSerial = async (path: string, baudRate: number): Promise<void> => {
    const line = deps.openLine({ path, baudRate });
    serial = line;
    await line.open();
    failures = 0;
    line.onClose(() => {
      void service?.stop();
      service = null;
      if (!stopped) reopen = deps.clock.setTimer(REOPEN_MS, () => void openSerial(path, baudRate).catch((e) => retry(e, path, baudRate)));
    });
    run(line, `serial ${path}`);
  };
  let failures = 0;
  const retry = (e: unknown, path: string, baudRate: number) => {
    if (failures++ === 0) logger.warn({ path, err: String(e) }, `console port cannot be opened; retrying every ${REOPEN_MS / 1000} s (charging is not affected)`);
    if (!stopped) reopen = deps.clock.setTimer(REOPEN_MS, () => void openSerial(path, baudRate).catch((e2) => retry(e2, path, baudRate)));
  };

  return {
    name: 'console',
    start: async () => {
      stopped = false;
      if (!deps.config.console.pinHash) logger.warn({ event: 'console.no-pin' }, 'no technician PIN configured (console.pinHash): console login is disabled');
      // Agent events the technician's `log tail` shows besides the console's own records.
      offs.push(deps.faults.onChange((f) => logger.info({ fault: f.code, source: f.source, active: f.active, detail: f.detail }, f.active ? 'fault raised' : 'fault cleared')));
      const phases = new Map<number, string>();
      offs.push(
        deps.introspection.onConnector((id, st) => {
          if (phases.get(id) === st.phase) return;
          phases.set(id, st.phase);
          logger.info({ connector: id, phase: st.phase, sessionId: st.session?.sessionId ?? null, outcome: st.lastOutcome }, 'connector state');
        }),
      );
      if (cons.kind === 'stdio') {
        stdio = stdioLine(deps.stdio ?? { input: process.stdin, output: process.stderr });
        run(stdio, 'stdio');
      } else {
        await openSerial(cons.path, cons.baud).catch((e) => retry(e, cons.path, cons.baud));
      }
    },
    stop: async () => {
      stopped = true;
      reopen?.cancel();
      for (const off of offs.splice(0)) off();
      await service?.stop();
      service = null;
      stdio?.close();
      await serial?.close();
    },
  };
}
