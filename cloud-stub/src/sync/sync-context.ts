// What every part of the cloud's MQTT sync shares: the database, the clock, the log, and `send` —
// one downlink message to one pile (`pilegate/v1/piles/{pileId}/down/{kind}`, QoS 1). Types and the
// message-id/time helpers only.
import { prep } from '../persistence/sqlite/statements.js';
import { randomUUID } from 'node:crypto';
import type { DownKind, DownMessage } from '../../../pile-agent/contract.js';
import type { Db } from '../persistence/sqlite/db.js';
import type { CloudClock } from '../shared/clock.js';
import type { StationViewApi } from '../view/index.js';

export type SyncLog = (level: 'info' | 'warn' | 'error', obj: object, msg: string) => void;

export interface SyncContext {
  readonly db: Db;
  readonly clock: CloudClock;
  readonly log: SyncLog;
  readonly views: StationViewApi;
  readonly utcOffsetMinutes: number;
  send<K extends DownKind>(pileId: string, kind: K, message: DownMessage<K>): void;
  /** Publishes an already encoded message (whitelist pages spliced from stored rows). */
  sendText(pileId: string, kind: DownKind, json: string): void;
  /** As sendText, resolving once the broker took the message (PUBACK): parts of a snapshot go one by one. */
  sendTextAsync(pileId: string, kind: DownKind, json: string): Promise<void>;
}

/** The envelope of a new cloud message: protocol version, a fresh id, the cloud's time. */
export const envelope = (clock: CloudClock): { v: 1; id: string; at: string } => ({ v: 1, id: randomUUID(), at: new Date(clock.now()).toISOString() });

export const isoNow = (clock: CloudClock): string => new Date(clock.now()).toISOString();

/** The station a registered pile belongs to, or undefined. */
export function pileStation(db: Db, pileId: string): number | undefined {
  return prep(db, 'SELECT station_id FROM piles WHERE pile_id = ?').pluck().get(pileId) as number | undefined;
}
