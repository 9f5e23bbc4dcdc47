// Piles (充电桩): registered under a station with a connector count; registration (and rotation)
// returns the pile's MQTT secret once and keeps only its scrypt hash. The broker authenticates
// piles through `verifyPileSecret`. Operator only.
import { prep } from '../../persistence/sqlite/statements.js';
import type { Db } from '../../persistence/sqlite/db.js';
import type { Actor } from '../access/actor.js';
import { requireOperator } from '../access/actor.js';
import { PILE_ID_PATTERN } from '../../../../pile-agent/contract.js';
import { conflict, invalid, notFound } from '../../shared/cloud-error.js';
import { DUMMY_HASH, hashSecret, randomSecret, verifySecret } from '../../shared/secret-hash.js';
import { mosquittoHash } from '../../shared/mosquitto-hash.js';
import { stationRow } from './stations.service.js';

export interface Pile {
  pileId: string;
  stationId: number;
  connectors: number;
  /** The most one connector can deliver (kW): bounds the energy a session may claim. */
  maxPowerKw: number;
  createdAt: string;
}

/** Without a figure at registration: above any GB/T 27930 DC connector on a bus depot today. */
export const DEFAULT_MAX_POWER_KW = 400;
const MAX_POWER_KW = 2_000;

interface Row {
  pile_id: string;
  station_id: number;
  connectors: number;
  max_power_w: number;
  secret_hash: string;
  created_at: string;
}

const toDto = (r: Row): Pile => ({ pileId: r.pile_id, stationId: r.station_id, connectors: r.connectors, maxPowerKw: r.max_power_w / 1000, createdAt: r.created_at });

export function pileRow(db: Db, pileId: string): Row | undefined {
  return prep(db, 'SELECT * FROM piles WHERE pile_id = ?').get(pileId) as Row | undefined;
}

export async function registerPile(db: Db, actor: Actor, stationId: number, input: { pileId: string; connectors: number; maxPowerKw?: number }, at: string): Promise<Pile & { secret: string }> {
  requireOperator(actor);
  if (!stationRow(db, stationId)) throw notFound('station');
  if (!PILE_ID_PATTERN.test(input.pileId)) throw invalid('pileId', 'pileId must be 1–64 of A–Z a–z 0–9 _ . - (starting with a letter or digit)');
  if (!Number.isInteger(input.connectors) || input.connectors < 1 || input.connectors > 16) throw invalid('connectors', 'connectors must be 1–16');
  const maxPowerKw = input.maxPowerKw ?? DEFAULT_MAX_POWER_KW;
  if (!Number.isInteger(maxPowerKw) || maxPowerKw < 1 || maxPowerKw > MAX_POWER_KW) throw invalid('maxPowerKw', `maxPowerKw must be a whole number of kW, 1–${MAX_POWER_KW}`);
  if (pileRow(db, input.pileId)) throw conflict('duplicate-pile', `pile ${input.pileId} is already registered`, 'pileId');
  const secret = randomSecret(24);
  const hash = await hashSecret(secret);
  try {
    db.prepare('INSERT INTO piles (pile_id, station_id, connectors, max_power_w, secret_hash, broker_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      input.pileId,
      stationId,
      input.connectors,
      maxPowerKw * 1000,
      hash,
      mosquittoHash(secret),
      at,
    );
  } catch (e) {
    if (pileRow(db, input.pileId)) throw conflict('duplicate-pile', `pile ${input.pileId} is already registered`, 'pileId');
    throw e;
  }
  return { ...toDto(pileRow(db, input.pileId)!), secret };
}

/** Issues a new secret (the old one stops working for new connections). */
export async function rotatePileSecret(db: Db, actor: Actor, pileId: string): Promise<Pile & { secret: string }> {
  requireOperator(actor);
  if (!pileRow(db, pileId)) throw notFound('pile');
  const secret = randomSecret(24);
  db.prepare('UPDATE piles SET secret_hash = ?, broker_hash = ? WHERE pile_id = ?').run(await hashSecret(secret), mosquittoHash(secret), pileId);
  return { ...toDto(pileRow(db, pileId)!), secret };
}

/** The broker's check: true only for a registered pile and its current secret. */
export async function verifyPileSecret(db: Db, pileId: string, secret: string): Promise<boolean> {
  const r = pileRow(db, pileId);
  // An unknown id costs the same scrypt time as a known one: ids cannot be enumerated by timing.
  if (!r) return verifySecret(secret, DUMMY_HASH).then(() => false);
  return verifySecret(secret, r.secret_hash);
}
