// The interface between the HTTP API (POST /api/v1/piles/{pileId}/commands) and the MQTT sync, which
// stores each command (pile_commands), publishes it to the pile and tracks its state
// (sent → acknowledged | failed | expired). Types only; implemented in sync/.
import type { PileCommand } from '../../../../pile-agent/contract.js';

export type CommandState = 'sent' | 'acknowledged' | 'failed' | 'expired';

export interface CommandIssuer {
  /**
   * Records the command as `sent` and publishes it on `down/command` (QoS 1); the pile's `command/ack`
   * moves it on; an unanswered command becomes `expired` after `ttlMs` (default 60 s).
   */
  issue(pileId: string, command: PileCommand, opts: { readonly accountId: number | null; readonly ttlMs?: number }): { readonly commandId: string };
}
