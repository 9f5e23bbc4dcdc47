// Remote commands to a pile (stop a connector or all, sync now): checks the request against the
// pile's registration and hands the contract's PileCommand to the injected CommandIssuer (the MQTT
// sync stores it in pile_commands and publishes it); reads commands back from pile_commands, where a
// `sent` command past its expiry reads as `expired` even before the sync's sweep marks it. Operator only.
import type { Db } from '../../persistence/sqlite/db.js';
import type { PileCommand } from '../../../../pile-agent/contract.js';
import type { CommandIssuer, CommandState } from './command-issuer.port.js';
import { requireOperator, type Actor } from '../access/actor.js';
import { CloudError, notFound } from '../../shared/cloud-error.js';
import { pileRow } from '../stations/piles.service.js';

export interface CommandRequest {
  kind: 'stop' | 'sync';
  connectorId?: number | null;
}

export interface PileCommandView {
  commandId: string;
  pileId: string;
  kind: 'stop' | 'sync';
  connectorId: number | null;
  reason: string;
  sessionId: string | null;
  state: CommandState;
  detail: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

interface Row {
  command_id: string;
  pile_id: string;
  kind: 'stop' | 'sync';
  connector_id: number | null;
  reason: string;
  session_id: string | null;
  state: CommandState;
  detail: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

const unprocessable = (field: string, message: string) => new CloudError('unprocessable', 'invalid-field', message, field);

function toView(r: Row, nowMs: number): PileCommandView {
  const lapsed = r.state === 'sent' && Date.parse(r.expires_at) <= nowMs;
  return {
    commandId: r.command_id,
    pileId: r.pile_id,
    kind: r.kind,
    connectorId: r.connector_id,
    reason: r.reason,
    sessionId: r.session_id,
    state: lapsed ? 'expired' : r.state,
    detail: r.detail,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    expiresAt: r.expires_at,
  };
}

/** The contract's command for an operator's request, after checking it against the pile's connectors. */
export function commandOf(req: CommandRequest, connectors: number): PileCommand {
  const c = req.connectorId ?? null;
  if (req.kind === 'sync') {
    if (c !== null) throw unprocessable('connectorId', 'connectorId applies only to kind "stop"');
    return { kind: 'sync' };
  }
  if (c !== null && (!Number.isInteger(c) || c < 1 || c > connectors)) throw unprocessable('connectorId', `connectorId must be 1–${connectors} (the pile's connectors), or absent for every connector`);
  return { kind: 'stop', connectorId: c, reason: 'remote' };
}

export function issuePileCommand(db: Db, issuer: CommandIssuer, actor: Actor, pileId: string, req: CommandRequest): { commandId: string } {
  requireOperator(actor);
  const pile = pileRow(db, pileId);
  if (!pile) throw notFound('pile');
  const { commandId } = issuer.issue(pileId, commandOf(req, pile.connectors), { accountId: actor.accountId });
  return { commandId };
}

export function getPileCommand(db: Db, actor: Actor, pileId: string, commandId: string, nowMs: number): PileCommandView {
  requireOperator(actor);
  if (!pileRow(db, pileId)) throw notFound('pile');
  const r = db.prepare('SELECT * FROM pile_commands WHERE command_id = ? AND pile_id = ?').get(commandId, pileId) as Row | undefined;
  if (!r) throw notFound('command');
  return toView(r, nowMs);
}

/** The pile's commands, most recent first. */
export function listPileCommands(db: Db, actor: Actor, pileId: string, limit: number, nowMs: number): PileCommandView[] {
  requireOperator(actor);
  if (!pileRow(db, pileId)) throw notFound('pile');
  const rows = db.prepare('SELECT * FROM pile_commands WHERE pile_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(pileId, limit) as Row[];
  return rows.map((r) => toView(r, nowMs));
}
