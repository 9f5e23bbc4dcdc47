// The agent's own view, read the one way for every bench: the scenario runner's pile processes ask it
// over IPC, and a bench driving a real controller asks it through the console (`json probe …`).
// Connectors (phase, view, last meter reading), the last card, the latest journal sessions, the
// screen's state and the cloud link's state, as the introspection and screen steps give them.
import type { ProbeWhat } from '../domain/console/console-context.js';
import type { ScreenState } from '../domain/screen/view-state.js';
import type { AgentIntrospection } from './introspection.js';

export function probeAgent(i: AgentIntrospection, screen: () => ScreenState | null, what: ProbeWhat, limit: number): unknown {
  switch (what) {
    case 'connectors':
      return i.connectors();
    case 'last-card':
      return i.lastCard();
    case 'sessions':
      return i.recentSessions(limit);
    case 'screen':
      return screen();
    case 'link':
      return i.sync?.status().link ?? null;
  }
}
