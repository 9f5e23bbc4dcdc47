// Which connector a presented card is for (one reader serves every connector of the pile): the
// connector whose running session that card may stop; else the connector picked on the screen, if
// it can start a session; else the first connector that can. A card no connector can use is logged.
import type { ConnectorSession } from '../domain/session/session.service.js';

const READY = new Set(['idle', 'finished', 'refused']);

export function connectorForCard(cardNo: string, sessions: ReadonlyMap<number, ConnectorSession>, selected: number | null): number | null {
  for (const [id, s] of sessions) {
    const session = s.state.session;
    if (session?.decision.stopBy.some((c) => c.kind === 'card' && c.cardNo === cardNo)) return id;
  }
  if (selected !== null && READY.has(sessions.get(selected)?.state.phase ?? '')) return selected;
  for (const [id, s] of sessions) if (READY.has(s.state.phase)) return id;
  return null;
}
