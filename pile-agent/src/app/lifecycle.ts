// Start/stop ordering of the agent's components, signal handling and health. Components start in
// the order given (storage and recovery first, then meters, CAN links and sessions, then the card
// reader) and stop in reverse; a failed start stops what already started and rethrows. A component
// whose stop does not finish within `stopTimeoutMs` is logged and left behind, so the ones after it
// (storage last: the journal closes cleanly) still stop and the process can exit. SIGINT and SIGTERM
// stop the agent once; a second signal exits at once.
import type { Logger } from '../shared/logger.js';

export interface Component {
  readonly name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export type LifecycleState = 'created' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface AgentHealth {
  readonly state: LifecycleState;
  readonly components: readonly { readonly name: string; readonly started: boolean }[];
  readonly error: string | null;
}

export class Lifecycle {
  private state: LifecycleState = 'created';
  private started: Component[] = [];
  private error: string | null = null;
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly components: readonly Component[],
    private readonly logger: Logger,
    private readonly stopTimeoutMs = 5_000,
  ) {}

  async start(): Promise<void> {
    if (this.state !== 'created') throw new Error(`cannot start from ${this.state}`);
    this.state = 'starting';
    for (const c of this.components) {
      try {
        await c.start();
        this.started.push(c);
        this.logger.info({ component: c.name }, 'started');
      } catch (e) {
        this.error = `${c.name}: ${(e as Error).message}`;
        this.logger.error({ component: c.name, err: e }, 'start failed; stopping what started');
        await this.stopStarted();
        this.state = 'failed';
        throw e;
      }
    }
    this.state = 'running';
  }

  /** Stops every started component in reverse order; idempotent, errors logged, never thrown. */
  stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = (async () => {
        if (this.state !== 'failed') this.state = 'stopping';
        await this.stopStarted();
        if (this.state !== 'failed') this.state = 'stopped';
      })();
    }
    return this.stopping;
  }

  health(): AgentHealth {
    const started = new Set(this.started);
    return { state: this.state, error: this.error, components: this.components.map((c) => ({ name: c.name, started: started.has(c) })) };
  }

  private async stopStarted(): Promise<void> {
    for (const c of this.started.splice(0).reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), this.stopTimeoutMs);
        timer.unref?.();
      });
      try {
        const r = await Promise.race([Promise.resolve(c.stop()).then(() => 'done' as const), late]);
        if (r === 'late') this.logger.error({ component: c.name, timeoutMs: this.stopTimeoutMs }, 'stop did not finish in time; going on with the others');
        else this.logger.info({ component: c.name }, 'stopped');
      } catch (e) {
        this.logger.error({ component: c.name, err: e }, 'stop failed');
      } finally {
        clearTimeout(timer);
      }
    }
  }
}

/** SIGINT/SIGTERM → stop, then `exit(0)`; a second signal → `exit(1)` at once. Returns the detach function. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger, exit: (code: number) => void): () => void {
  let count = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    count++;
    if (count > 1) return exit(1);
    logger.info({ signal }, 'stopping');
    stop().then(
      () => exit(0),
      () => exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
