// Wiring step: one connector. Its CAN channel (opened at start), the GB/T charger link whose
// decision hook is the session's VIN decision, the power stage, and the ConnectorSession with its
// recorder, meter and fault routing (faults raised for `connector-<id>` reach that session).
// Driver objects come from the factories the composition root passes in; nothing is constructed here.
import { randomUUID } from 'node:crypto';
import type { Connector } from '../../../hw-profiles/index.js';
import { gbtChargerLinkConfig } from '../drivers/bms/gbt-charger-link.config.js';
import type { CredentialDecider } from '../domain/session/credential-decider.js';
import { SessionRecorder } from '../domain/session/session-recorder.js';
import { ConnectorSession } from '../domain/session/session.service.js';
import type { BmsLink } from '../ports/bms-link.port.js';
import type { CanChannel } from '../ports/can-channel.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EnergyMeter } from '../ports/energy-meter.port.js';
import type { Logger } from '../shared/logger.js';
import type { AgentConfig } from './config.schema.js';
import type { DriverFactories } from './drivers.js';
import type { FaultRegistry } from './fault-registry.js';
import type { Lifecycle } from './lifecycle.js';
import type { Storage } from './storage.wiring.js';

export interface WiredConnector {
  readonly id: number;
  readonly can: CanChannel;
  readonly link: BmsLink;
  readonly session: ConnectorSession;
  readonly components: ConstructorParameters<typeof Lifecycle>[0];
}

export interface ConnectorWiringContext {
  readonly config: AgentConfig;
  readonly drivers: DriverFactories;
  readonly storage: Storage;
  readonly decider: CredentialDecider;
  readonly faults: FaultRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function wireConnector(c: Connector, meter: EnergyMeter, ctx: ConnectorWiringContext): WiredConnector {
  const { config, clock } = ctx;
  const logger = ctx.logger.child({ connector: c.id });
  const can = ctx.drivers.openCan(c.can, { clock, logger });
  let session: ConnectorSession | null = null;
  const link = ctx.drivers.newLink({
    can,
    clock,
    logger,
    decide: (brm) => session?.decideVin(brm) ?? { allow: false, reason: 'no-session' },
    config: gbtChargerLinkConfig({
      chargerNumber: config.gbt.chargerNumber,
      timeoutsMs: { decision: config.gbt.decisionTimeoutMs },
      capability: { maxOutputCurrentDeciA: c.maxCurrentA * 10 },
    }),
  });
  const powerStage = ctx.drivers.newPowerStage(config.powerStage, { clock, connectorId: c.id });
  const s = config.session;
  session = new ConnectorSession({
    connectorId: c.id,
    machine: {
      authorizeTimeoutMs: s.authorizeTimeoutMs,
      connectTimeoutMs: s.connectTimeoutMs,
      stopTimeoutMs: s.stopTimeoutMs,
      resetViewMs: s.resetViewMs,
      keypad: { maxFailures: s.keypadMaxFailures, lockMs: s.keypadLockMs },
    },
    meterSampleIntervalMs: s.meterSampleIntervalMs,
    link,
    meter,
    clock,
    logger,
    faults: ctx.faults,
    decider: ctx.decider,
    recorder: new SessionRecorder({ journal: ctx.storage.journal, clock, logger, pileId: config.pileId, stationId: config.stationId, connectorId: c.id }),
    newSessionId: randomUUID,
  });
  const wired = session;
  let detach: Array<() => void> = [];
  return {
    id: c.id,
    can,
    link,
    session: wired,
    components: [
      {
        name: `connector-${c.id}`,
        start: async () => {
          detach = [
            powerStage.attach(link),
            ctx.faults.onChange((f) => f.source === `connector-${c.id}` && f.code !== 'meter.comm-loss' && wired.fault(f.code, f.active)),
            can.onError((e) => logger.warn({ code: e.code }, `CAN channel: ${e.message}`)),
            // The meter's view of the output feeds CCS/CSD (GB/T 27930-2015 §10.3.7): voltage, current, energy since start.
            wired.on('sample', (r) => {
              const running = wired.state.session;
              if (!running || running.meterStartWh === null) return;
              link.power({
                type: 'output-measured',
                voltageDeciV: Math.round(r.voltageMv / 100),
                currentDeciA: Math.round(Math.abs(r.currentMa) / 100),
                chargingTimeMin: Math.floor((clock.now() - running.startedAtMs) / 60_000),
                energyWh: Math.max(0, r.energyWh - running.meterStartWh),
              });
            }),
          ];
          try {
            await can.open();
          } catch (e) {
            // One dead CAN adapter takes its connector out (faulted: no new session), not the whole pile.
            logger.error({ err: e }, 'CAN channel cannot be opened: connector faulted');
            ctx.faults.raise('can.adapter-error', `connector-${c.id}`, (e as Error).message);
          }
        },
        stop: async () => {
          wired.close();
          for (const off of detach) off();
          link.close();
          await can.close().catch((e: unknown) => logger.warn({ err: e }, 'CAN channel close failed'));
        },
      },
    ],
  };
}
