// One pile of a scenario as its own process, so a power cut is a real kill -9: boots the agent from
// its config file the way `pile-agent run` does (pile-agent/src/app/boot.ts), writes its JSON log
// to the file given, and answers the runner over the IPC channel (pile-process.ts): reads of the
// agent's introspection, the screen's button and keypad, and an event per connector phase change.
// Leaves when the runner goes (the channel closes). Run as `node --import tsx pile-process.child.ts
// CONFIG LOG` by pile-process.ts only.
import { createWriteStream } from 'node:fs';
import { bootAgent, pinoLogger, probeAgent } from '../../../pile-agent/index.js';
import type { ProbeReply, ProbeRequest } from './pile-process.js';

const [configFile, logFile] = process.argv.slice(2);
const send = (m: unknown) => process.send?.(m);
const booted = bootAgent(configFile, process.env, (config) => pinoLogger({ level: config.log.level, destination: createWriteStream(logFile, { flags: 'a' }) }));
if (!booted.ok) {
  send({ kind: 'failed', error: booted.error.join('; ') });
  process.exit(2);
}
const { agent } = booted.value;

const PROBE = { connectors: 'connectors', lastCard: 'last-card', recentSessions: 'sessions', screen: 'screen', syncLink: 'link' } as const;

function answer(r: ProbeRequest): unknown {
  if (r.op === 'pressButton') return agent.commands.pressButton(r.connector, r.button);
  if (r.op === 'enterPassword') return agent.commands.enterPassword(r.connector, r.digits);
  return probeAgent(agent.introspection, () => agent.screen(), PROBE[r.op], r.op === 'recentSessions' ? r.limit : 20);
}

process.on('message', (m: ProbeRequest) => {
  let reply: ProbeReply;
  try {
    reply = { kind: 'reply', seq: m.seq, ok: true, value: answer(m) ?? null };
  } catch (e) {
    reply = { kind: 'reply', seq: m.seq, ok: false, error: (e as Error).message };
  }
  send(reply);
});
process.on('disconnect', () => {
  void agent.stop().finally(() => process.exit(0));
});
process.on('SIGTERM', () => {
  void agent.stop().finally(() => process.exit(0));
});
try {
  await agent.start();
  // The connectors' sessions exist once the agent runs: only then can their state changes be heard.
  agent.introspection.onConnector((id, state) => send({ kind: 'connector', id, phase: state.phase, outcome: state.lastOutcome, atMs: performance.timeOrigin + performance.now() }));
  send({ kind: 'ready' });
} catch (e) {
  send({ kind: 'failed', error: (e as Error).message });
  await agent.stop().catch(() => undefined);
  process.exit(1);
}
