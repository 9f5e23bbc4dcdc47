// Commands to piles (contract "command" / "command/ack"): each is stored in pile_commands as `sent`,
// published on `down/command` at QoS 1 (the broker queues it for a pile that is offline), and moves to
// `acknowledged` or `failed` with the pile's answer, or to `expired` when unanswered past its expiry.
import { prep } from '../persistence/sqlite/statements.js';
import { randomUUID } from 'node:crypto';
import type { PileCommand, UpMessage } from '../../../pile-agent/contract.js';
import type { CommandIssuer } from '../domain/piles/command-issuer.port.js';
import { isoNow, type SyncContext } from './sync-context.js';

const DEFAULT_TTL_MS = 60_000;

export class Commands implements CommandIssuer {
  constructor(private readonly ctx: SyncContext) {}

  issue(pileId: string, command: PileCommand, opts: { readonly accountId: number | null; readonly ttlMs?: number }): { readonly commandId: string } {
    const { db, clock } = this.ctx;
    const commandId = randomUUID();
    const at = isoNow(clock);
    const expiresAt = new Date(clock.now() + (opts.ttlMs ?? DEFAULT_TTL_MS)).toISOString();
    const connectorId = command.kind === 'stop' ? command.connectorId : null;
    const reason = command.kind === 'stop' ? command.reason : 'sync';
    const sessionId = command.kind === 'stop' ? (command.sessionId ?? null) : null;
    prep(
      db,
      `INSERT INTO pile_commands (command_id, pile_id, kind, connector_id, reason, session_id, state, detail, account_id, created_at, expires_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 'sent', ?, ?, ?, ?, ?)`,
    ).run(commandId, pileId, command.kind, connectorId, reason, sessionId, command.kind === 'stop' ? (command.detail ?? null) : null, opts.accountId, at, expiresAt, at);
    this.ctx.send(pileId, 'command', { v: 1, id: commandId, at, command, expiresAt });
    this.ctx.log('info', { pileId, commandId, command }, 'command sent');
    return { commandId };
  }

  /** The pile's answer; an answer to an unknown or already settled command changes nothing. */
  acknowledge(pileId: string, m: UpMessage<'command/ack'>): void {
    const r = prep(this.ctx.db, `UPDATE pile_commands SET state = ?, detail = COALESCE(?, detail), updated_at = ? WHERE command_id = ? AND pile_id = ? AND state IN ('sent', 'expired')`).run(
      m.status,
      m.detail ?? null,
      isoNow(this.ctx.clock),
      m.re,
      pileId,
    );
    if (r.changes === 0) this.ctx.log('warn', { pileId, commandId: m.re }, 'command/ack for an unknown or settled command');
  }

  /** Marks unanswered commands past their expiry `expired`. */
  sweep(): number {
    const now = isoNow(this.ctx.clock);
    return prep(this.ctx.db, `UPDATE pile_commands SET state = 'expired', updated_at = ? WHERE state = 'sent' AND expires_at < ?`).run(now, now).changes;
  }
}
