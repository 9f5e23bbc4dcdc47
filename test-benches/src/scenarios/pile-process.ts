// The runner's handle on one pile's agent running as its own process (pile-process.child.ts): starts
// it on a config file, asks it over the IPC channel what its connectors, reader, journal and screen
// show, presses its screen's buttons, hears each connector phase change, and cuts its power — kill -9,
// nothing flushed — or stops it gently. Restarting after a power cut is starting again on the same
// config, so the agent recovers from its own journal as on a real pile.
import { fork, type ChildProcess } from 'node:child_process';
import type { ButtonName, ConnectorStatus, JournalSessionRow, ScreenState } from '../../../pile-agent/index.js';
import type { CardPresented } from '../../../pile-agent/ports.js';
import { childModule } from '../wiring/repo-root.js';

export type ProbeRequest = { readonly seq: number } & (
  | { readonly op: 'connectors' | 'lastCard' | 'screen' | 'syncLink' }
  | { readonly op: 'recentSessions'; readonly limit: number }
  | { readonly op: 'pressButton'; readonly connector: number; readonly button: ButtonName }
  | { readonly op: 'enterPassword'; readonly connector: number; readonly digits: string }
);

export type ProbeReply = { readonly kind: 'reply'; readonly seq: number } & ({ readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string });

type ChildMessage =
  | ProbeReply
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'connector'; readonly id: number; readonly phase: ConnectorStatus['phase']; readonly outcome: string | null; readonly atMs: number };

/** A connector's state change; `atMs` is when the agent made it (its clock, sub-millisecond). */
export type PhaseListener = (connector: number, phase: ConnectorStatus['phase'], outcome: string | null, atMs: number) => void;

/** What the runner asks of a pile's agent: a process on this machine (PileProcess) or a controller on a bench (hil/console-pile.ts). */
export interface PileAgentHandle {
  readonly pileId: string;
  readonly running: boolean;
  onPhase(listener: PhaseListener): () => void;
  connectors(): Promise<ConnectorStatus[]>;
  lastCard(): Promise<CardPresented | null>;
  recentSessions(limit?: number): Promise<JournalSessionRow[]>;
  screen(): Promise<ScreenState | null>;
  /** The cloud link's state ('online', 'offline', …), null without a cloud. */
  syncLink(): Promise<string | null>;
  pressButton(connector: number, button: ButtonName): Promise<void>;
  enterPassword(connector: number, digits: string): Promise<void>;
  /** The power cut. */
  kill(): Promise<void>;
  /** Lets go of the agent (a process stops gently). */
  stop(): Promise<void>;
}

const CHILD = childModule(import.meta.url, 'pile-process.child');
const START_MS = 60_000;
const ASK_MS = 15_000;

export class PileProcess implements PileAgentHandle {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners = new Set<PhaseListener>();
  private readonly exited: Promise<void>;
  private gone = false;

  private constructor(
    readonly pileId: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        this.gone = true;
        for (const w of this.waiting.values()) w.reject(new Error(`the agent of ${pileId} is not running`));
        this.waiting.clear();
        resolve();
      }),
    );
    child.on('message', (m: ChildMessage) => {
      if (m.kind === 'connector') for (const l of this.listeners) l(m.id, m.phase, m.outcome, m.atMs);
      else if (m.kind === 'reply') {
        const w = this.waiting.get(m.seq);
        this.waiting.delete(m.seq);
        if (m.ok) w?.resolve(m.value);
        else w?.reject(new Error(m.error));
      }
    });
  }

  /** Starts the agent of `configFile` (its log appended to `logFile`); resolves once it runs. */
  static async start(pileId: string, configFile: string, logFile: string): Promise<PileProcess> {
    const child = fork(CHILD.file, [configFile, logFile], { execArgv: CHILD.execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2_000)));
    const p = new PileProcess(pileId, child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the agent of ${pileId} did not start within ${START_MS / 1000} s`)), START_MS);
      const done = (e?: Error) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        if (e) reject(e);
        else resolve();
      };
      const onMessage = (m: ChildMessage) => {
        if (m.kind === 'ready') done();
        if (m.kind === 'failed') done(new Error(`the agent of ${pileId} did not start: ${m.error}`));
      };
      child.on('message', onMessage);
      void p.exited.then(() => done(new Error(`the agent of ${pileId} exited while starting${stderr ? `: ${stderr.trim()}` : ''}`)));
    });
    return p;
  }

  get running(): boolean {
    return !this.gone;
  }

  onPhase(listener: PhaseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connectors(): Promise<ConnectorStatus[]> {
    return this.ask({ op: 'connectors' }) as Promise<ConnectorStatus[]>;
  }

  lastCard(): Promise<CardPresented | null> {
    return this.ask({ op: 'lastCard' }) as Promise<CardPresented | null>;
  }

  recentSessions(limit = 20): Promise<JournalSessionRow[]> {
    return this.ask({ op: 'recentSessions', limit }) as Promise<JournalSessionRow[]>;
  }

  screen(): Promise<ScreenState | null> {
    return this.ask({ op: 'screen' }) as Promise<ScreenState | null>;
  }

  /** The cloud link's state ('online', 'offline', …), null without a cloud. */
  syncLink(): Promise<string | null> {
    return this.ask({ op: 'syncLink' }) as Promise<string | null>;
  }

  async pressButton(connector: number, button: ButtonName): Promise<void> {
    await this.ask({ op: 'pressButton', connector, button });
  }

  async enterPassword(connector: number, digits: string): Promise<void> {
    await this.ask({ op: 'enterPassword', connector, digits });
  }

  /** The power cut: SIGKILL, nothing flushed, nothing closed by the agent. */
  async kill(): Promise<void> {
    if (this.gone) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A gentle stop (the agent closes its session journal and drivers); kill -9 after 10 s. */
  async stop(): Promise<void> {
    if (this.gone) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  private ask(r: { op: ProbeRequest['op'] } & Record<string, unknown>): Promise<unknown> {
    if (this.gone) return Promise.reject(new Error(`the agent of ${this.pileId} is not running (power cut?)`));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(seq);
        reject(new Error(`the agent of ${this.pileId} did not answer ${r.op} within ${ASK_MS / 1000} s`));
      }, ASK_MS);
      this.waiting.set(seq, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ ...r, seq });
    });
  }
}
