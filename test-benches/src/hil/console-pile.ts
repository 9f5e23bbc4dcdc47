// The runner's handle on a real controller, driven through its technician console (the same face as a
// pile process, pile-process.ts, so the same steps and expectations run): `json probe …` reads what
// the agent sees, `press` and `keypad` are the screen's button and keypad, `provision` gives the
// controller the identity of this run's depot (it restarts with it). Phase changes are found by
// polling the connectors (every 200 ms); a power cut and power-on run the bench profile's relay
// commands. Console calls go one at a time (one serial line); every wait is bounded.
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import type { ButtonName, ConnectorStatus, JournalSessionRow, ScreenState } from '../../../pile-agent/index.js';
import type { CardPresented } from '../../../pile-agent/ports.js';
import type { PhaseListener, PileAgentHandle } from '../scenarios/pile-process.js';
import { ConsoleClient } from '../sims/console/console-client.js';
import type { BenchPile } from './bench-profile.js';

const run = promisify(exec);
const POLL_MS = 200;
const BOOT_MS = 120_000;
const ANSWER_MS = 15_000;
const RETRY_MS = 500;

export class ConsolePile implements PileAgentHandle {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<PhaseListener>();
  private readonly phases = new Map<number, string>();
  private poller: NodeJS.Timeout | null = null;
  private alive = true;

  private constructor(
    readonly pileId: string,
    private readonly client: ConsoleClient,
    private readonly bench: BenchPile,
    private readonly pin: string,
  ) {}

  /** Opens the console line and logs in with the PIN from the profile's environment variable. */
  static async connect(pileId: string, bench: BenchPile, env: Readonly<Record<string, string | undefined>>): Promise<ConsolePile> {
    const pin = env[bench.pinEnv];
    if (!pin) throw new Error(`the console PIN of the controller playing ${pileId}: set ${bench.pinEnv}`);
    const client = await ConsoleClient.open(bench.console.path, { baudRate: bench.console.baud, timeoutMs: ANSWER_MS });
    const pile = new ConsolePile(pileId, client, bench, pin);
    try {
      await pile.login(BOOT_MS);
    } catch (e) {
      await client.close().catch(() => undefined);
      throw e;
    }
    return pile;
  }

  get running(): boolean {
    return this.alive;
  }

  /** Gives the controller this run's identity; resolves once it has restarted with it and the console is logged in again. */
  async provision(identity: { pileId: string; stationId: number; url: string }, secret: string): Promise<void> {
    await this.serial(async () => {
      const a = await this.client.send(`provision ${identity.pileId} ${identity.stationId} ${identity.url} ${secret}`);
      if (!a.ok) throw new Error(`${this.pileId}: provisioning refused: ${a.lines.join(' ')}`);
      await this.client.waitFor(/PIN: $/, BOOT_MS);
      await this.loginNow();
    });
    this.startPolling();
  }

  onPhase(listener: PhaseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connectors(): Promise<ConnectorStatus[]> {
    return this.probe('connectors') as Promise<ConnectorStatus[]>;
  }

  lastCard(): Promise<CardPresented | null> {
    return this.probe('last-card') as Promise<CardPresented | null>;
  }

  recentSessions(limit = 20): Promise<JournalSessionRow[]> {
    return this.probe(`sessions ${limit}`) as Promise<JournalSessionRow[]>;
  }

  screen(): Promise<ScreenState | null> {
    return this.probe('screen') as Promise<ScreenState | null>;
  }

  syncLink(): Promise<string | null> {
    return this.probe('link') as Promise<string | null>;
  }

  async pressButton(connector: number, button: ButtonName): Promise<void> {
    await this.call(`press ${connector} ${button}`);
  }

  async enterPassword(connector: number, digits: string): Promise<void> {
    await this.call(`keypad ${connector} ${digits}`);
  }

  /** The power cut: the bench profile's relay command. */
  async kill(): Promise<void> {
    if (!this.bench.power) throw new Error(`no supply relay for the controller playing ${this.pileId} (power: { cut, on } in the bench profile)`);
    this.stopPolling();
    this.alive = false;
    await run(this.bench.power.cut, { timeout: 30_000 });
  }

  /** Power back on: the relay command, then the console's PIN prompt once the agent has booted. */
  async powerOn(): Promise<void> {
    if (!this.bench.power) throw new Error(`no supply relay for the controller playing ${this.pileId}`);
    await run(this.bench.power.on, { timeout: 30_000 });
    await this.serial(() => this.login(BOOT_MS));
    this.alive = true;
    this.startPolling();
  }

  /** The bench lets go of the controller (it keeps running): polling stops, the console hangs up. */
  async stop(): Promise<void> {
    this.stopPolling();
    await this.chain.catch(() => undefined);
    await this.client.close().catch(() => undefined);
  }

  private probe(what: string): Promise<unknown> {
    return this.call(`probe ${what}`);
  }

  private call(command: string): Promise<unknown> {
    if (!this.alive) return Promise.reject(new Error(`the controller playing ${this.pileId} is powered off`));
    return this.serial(async () => {
      const r = await this.client.call(command);
      if (!r.ok) throw new Error(`${this.pileId}: ${command.split(' ')[0]}: ${r.error}`);
      return r.value;
    });
  }

  /** Runs `task` when the line is free (one exchange at a time). */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Hangs up whoever is logged in, waits for the PIN prompt (the controller may still be booting), logs in. */
  private async login(withinMs: number): Promise<void> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      await this.client.sendRaw(Uint8Array.of(0x04)); // Ctrl-D: a login left open ends
      const a = await this.client.send('').catch(() => null);
      if (a?.prompt === 'PIN: ') break;
      if (Date.now() > deadline) throw new Error(`the console of the controller playing ${this.pileId} gives no PIN prompt (${this.bench.console.path})`);
      await new Promise((r) => setTimeout(r, RETRY_MS)); // pace the retries on the line
    }
    await this.loginNow();
  }

  private async loginNow(): Promise<void> {
    const a = await this.client.login(this.pin);
    if (a.prompt === 'PIN: ' || !a.prompt) throw new Error(`the console of the controller playing ${this.pileId} refused the PIN: ${a.lines.join(' ')}`);
  }

  private startPolling(): void {
    this.stopPolling();
    const tick = async () => {
      try {
        for (const c of await this.connectors()) {
          if (this.phases.get(c.id) === c.phase) continue;
          this.phases.set(c.id, c.phase);
          for (const l of this.listeners) l(c.id, c.phase, c.view.reason ?? null, Date.now());
        }
      } catch {
        // A missed poll (the controller restarting, a garbled answer): the next one reads again.
      }
      if (this.poller) this.poller = setTimeout(tick, POLL_MS);
    };
    this.poller = setTimeout(tick, 0);
  }

  private stopPolling(): void {
    if (this.poller) clearTimeout(this.poller);
    this.poller = null;
  }
}
