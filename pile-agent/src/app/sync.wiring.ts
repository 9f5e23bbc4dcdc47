// Wiring of the cloud sync: when `cloud.url` is configured, the MQTT cloud link (through
// the driver factories, so tests and benches can replace it) and the sync service as a lifecycle
// component; the link's state becomes the decision's and the screen's `online`. Without a URL the
// agent runs offline, as before.
import { readFileSync } from 'node:fs';
import type { CloudLink } from '../ports/cloud-link.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { MqttCloudLinkDeps } from '../drivers/cloud/mqtt-cloud-link.driver.js';
import type { ConnectorSession } from '../domain/session/session.service.js';
import { SyncService, type StopOutcome, type StopRequest } from '../domain/sync/sync.service.js';
import type { Logger } from '../shared/logger.js';
import { AgentError, AgentErrorCode } from '../shared/errors.js';
import type { AgentConfig } from './config.schema.js';
import type { AgentCommands } from './introspection.js';
import type { Component } from './lifecycle.js';
import type { Storage } from './storage.wiring.js';

export const AGENT_VERSION = '0.1.0';

export interface SyncWiringDeps {
  readonly config: AgentConfig;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sessions: ReadonlyMap<number, ConnectorSession>;
  readonly commands: AgentCommands;
  readonly openCloudLink: (deps: MqttCloudLinkDeps) => CloudLink;
}

export interface WiredSync {
  readonly service: SyncService | null;
  readonly online: () => boolean;
  /** Calls fn on every change of the link's state; returns the unsubscribe function. */
  readonly onOnlineChange: (fn: () => void) => () => void;
  readonly component: Component;
}

const RUNNING = new Set(['starting', 'connecting', 'charging', 'stopping']);

function password(file: string | undefined): string {
  if (!file) throw new AgentError(AgentErrorCode.ConfigInvalid, 'cloud.passwordFile is required with cloud.url');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new AgentError(AgentErrorCode.ConfigInvalid, `cloud.passwordFile ${file}: ${(e as Error).message}`);
  }
}

export function wireSync(deps: SyncWiringDeps): WiredSync {
  const { config, storage, clock, logger } = deps;
  const c = config.cloud;
  if (!c.url) return { service: null, online: () => false, onOnlineChange: () => () => undefined, component: { name: 'cloud-sync', start: () => undefined, stop: () => undefined } };
  const link = deps.openCloudLink({
    url: c.url,
    pileId: config.pileId,
    username: c.username ?? config.pileId,
    password: password(c.passwordFile),
    ...(c.caFile ? { ca: readFileSync(c.caFile) } : {}),
    keepaliveS: c.keepaliveS,
    clock,
    logger,
  });
  const stopOne = (id: number, reason: 'remote' | 'cloud-veto', detail: string | null): StopOutcome => {
    const s = deps.sessions.get(id);
    if (!s) return { kind: 'failed', detail: `no connector ${id}` };
    if (!RUNNING.has(s.state.phase)) return { kind: 'not-running', detail: `nothing running on connector ${id}` };
    deps.commands.remoteStop(id, reason, detail);
    return { kind: 'stopped' };
  };
  /** A stop naming a session stops it wherever it runs, or nothing when it no longer runs. */
  const stop = (r: StopRequest): StopOutcome => {
    if (r.sessionId !== null) {
      const at = [...deps.sessions].find(([, s]) => s.state.session?.sessionId === r.sessionId && RUNNING.has(s.state.phase));
      if (!at || (r.connectorId !== null && at[0] !== r.connectorId)) return { kind: 'not-running', detail: `session ${r.sessionId} is not running here: nothing stopped` };
      return stopOne(at[0], r.reason, r.detail);
    }
    if (r.connectorId !== null) return stopOne(r.connectorId, r.reason, r.detail);
    const results = [...deps.sessions.keys()].map((id) => stopOne(id, r.reason, r.detail));
    return results.some((x) => x.kind === 'stopped') ? { kind: 'stopped' } : { kind: 'not-running', detail: 'nothing running' };
  };
  const service = new SyncService({
    link,
    brokerUrl: c.url.replace(/\/\/[^@/]*@/, '//'),
    whitelist: storage.whitelist,
    outbox: storage.outbox,
    clock,
    logger,
    stationId: config.stationId,
    agentVersion: AGENT_VERSION,
    connectors: () => [...deps.sessions].map(([id, s]) => ({ id, phase: s.state.phase })),
    live: () => [...deps.sessions.values()].flatMap((s) => (s.state.session && RUNNING.has(s.state.phase) ? [s.state.session.sessionId] : [])),
    stop,
  });
  return {
    service,
    online: () => link.state() === 'online',
    onOnlineChange: (fn) => link.onState(() => fn()),
    component: { name: 'cloud-sync', start: () => service.start(), stop: () => service.stop() },
  };
}
