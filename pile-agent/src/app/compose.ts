// The composition root (house rules R3/R4): builds the agent from a loaded charger profile and a
// validated config. Drivers come only from `realDrivers` (drivers.ts), which tests and benches may
// replace piece by piece with simulator factories. Reads as a list of wiring
// steps: storage (+ recovery) → faults → meters → connectors → card reader → faces → screen → lifecycle.
import type { LoadedProfile } from '../../../hw-profiles/index.js';
import { CredentialDecider } from '../domain/session/credential-decider.js';
import type { ConnectorSession } from '../domain/session/session.service.js';
import type { RecoveryReport } from '../domain/session/recovery.js';
import type { BmsLink } from '../ports/bms-link.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../shared/logger.js';
import type { AgentConfig } from './config.schema.js';
import { wireConnector, type WiredConnector } from './connector.wiring.js';
import { realDrivers, type DriverFactories } from './drivers.js';
import { FaultRegistry } from './fault-registry.js';
import { agentFaces, type AgentCommands, type AgentIntrospection } from './introspection.js';
import { Lifecycle, type AgentHealth, type Component } from './lifecycle.js';
import { applyWhitelistFile, openStorage, readRestartRegisters, recoverSessions, type Storage } from './storage.wiring.js';
import { wireConsole } from './console.wiring.js';
import { wireScreen } from './screen.wiring.js';
import { wireSync } from './sync.wiring.js';
import type { ScreenState } from '../domain/screen/view-state.js';

type Profile = LoadedProfile;

export { realDrivers, type DriverFactories } from './drivers.js';

export interface ComposeOptions {
  readonly config: AgentConfig;
  /** Loaded with the config's device overrides already applied. */
  readonly profile: Profile;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Replace any driver factory (simulators, fakes); the rest stay real. */
  readonly drivers?: Partial<DriverFactories>;
  /** Stop this agent and boot it again (the console's `provision` asks for it); absent: the console says to restart by hand. */
  readonly restart?: () => void;
}

export interface Agent {
  readonly introspection: AgentIntrospection;
  readonly commands: AgentCommands;
  /** What recovery closed at start (empty until start()). */
  readonly recovered: RecoveryReport['closed'];
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): AgentHealth;
  /** What the screen shows now (the selected connector's view), null before the first frame or without a screen. */
  screen(): ScreenState | null;
}

export function composeAgent(opts: ComposeOptions): Agent {
  const { config, profile, clock } = opts;
  const logger = opts.logger;
  const drivers: DriverFactories = { ...realDrivers, ...opts.drivers };
  const recovered: Agent['recovered'][number][] = [];

  // 1. Storage: database, repositories, whitelist seed (power-loss recovery runs once the meters are open).
  const storage: Storage = openStorage(config.dataDir, logger);
  const storageStep: Component = {
    name: 'storage',
    start: () => {
      if (config.whitelistSeedFile) logger.info({ result: applyWhitelistFile(storage, config.whitelistSeedFile, logger, { onlyIfNewer: true }) }, 'whitelist seed');
    },
    stop: () => storage.close(),
  };

  // 2. Faults and the decision (online: the cloud link's state, sync.wiring.ts).
  const faults = new FaultRegistry({ clock, logger: logger.child({ ns: 'agent:app:faults' }) });
  let online = (): boolean => false;
  const decider = new CredentialDecider({ whitelist: storage.whitelist, policy: () => ({ online: online(), vinChargeEnabled: profile.features.vinCharge }) });

  // 3. Meters (one bus hub per RS-485 line), then 4. connectors, built once the meters are open.
  const sessions = new Map<number, ConnectorSession>();
  const links = new Map<number, BmsLink>();
  const connectorSteps: Component[] = [];
  let meters: Awaited<ReturnType<DriverFactories['openMeters']>> | null = null;
  const metersStep: Component = {
    name: 'meters',
    start: async () => {
      meters = await drivers.openMeters(profile, { openLine: drivers.openLine, clock, logger, faults });
      // Power-loss recovery — before any connector — from the registers the meters kept through the cut.
      const maxPowerW = (id: number) => profile.connectors.find((c) => c.id === id)?.maxPowerW ?? 0;
      const registers = await readRestartRegisters(storage, meters.meters, { maxPowerW, sampleIntervalMs: config.session.meterSampleIntervalMs });
      recovered.push(...recoverSessions(storage, logger, registers).closed);
      for (const c of profile.connectors) {
        const wired: WiredConnector = wireConnector(c, meters.meters.get(c.id)!, { config, drivers, storage, decider, faults, clock, logger });
        sessions.set(c.id, wired.session);
        links.set(c.id, wired.link);
        connectorSteps.push(...wired.components);
      }
    },
    stop: async () => {
      await meters?.close();
    },
  };
  const connectorsStep: Component = {
    name: 'connectors',
    start: async () => {
      for (const c of connectorSteps) await c.start();
    },
    stop: async () => {
      for (const c of [...connectorSteps].reverse()) await c.stop();
    },
  };

  // 5. Card reader: one per pile, cards routed to a connector (card-routing.ts).
  const reader = drivers.newCardReader(profile, { openLine: drivers.openLine, clock, logger, faults });
  const faces = agentFaces({ sessions, links, storage, faults, reader, config, decider, logger });
  let offCard: (() => void) | null = null;
  const readerStep: Component = {
    name: 'card-reader',
    start: async () => {
      if (!reader) return;
      offCard = reader.onCard((card) => faces.commands.presentCard(card.cardNo));
      try {
        await reader.start();
      } catch (e) {
        // Without its reader the pile still charges by VIN button and password: a fault, not a stop.
        logger.error({ err: e }, 'card reader cannot be opened');
        faults.raise('reader.offline', 'pn532', (e as Error).message);
      }
    },
    stop: async () => {
      offCard?.();
      await reader?.stop();
    },
  };

  // Cloud sync over MQTT when cloud.url is set (sync.wiring.ts).
  const sync = wireSync({ config, storage, clock, logger, sessions, commands: faces.commands, openCloudLink: drivers.openCloudLink });
  online = sync.online;
  if (sync.service) faces.introspection.sync = sync.service;

  const consoleStep = wireConsole({
    profile,
    config,
    clock,
    logger,
    introspection: faces.introspection,
    commands: faces.commands,
    // The screen step is wired just below; the console asks only once the agent runs.
    screen: () => screenStep.shown(),
    faults,
    meter: (id) => meters?.meters.get(id),
    health: () => lifecycle.health(),
    openLine: drivers.openLine,
    forgetWhitelist: () => storage.whitelist.forget(),
    restart: opts.restart,
  });

  // 6. Screen: the selected connector's view on framebuffer / driver socket; presses → commands (screen.wiring.ts).
  const screenStep = wireScreen({ profile, config, clock, logger, faults, ...faces, online: () => online(), onOnlineChange: sync.onOnlineChange, drivers: drivers.screen });

  // 7. Lifecycle: start in this order, stop in reverse.
  const lifecycle = new Lifecycle([storageStep, metersStep, connectorsStep, sync.component, readerStep, screenStep, consoleStep], logger.child({ ns: 'agent:app:lifecycle' }));
  return {
    ...faces,
    recovered,
    start: () => lifecycle.start(),
    stop: () => lifecycle.stop(),
    health: () => lifecycle.health(),
    screen: () => screenStep.shown(),
  };
}
