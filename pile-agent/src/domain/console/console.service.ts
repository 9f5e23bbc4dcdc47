// The technician console on one byte line (a SerialLine, or stdio adapted to the same shape): the
// line discipline turns bytes into lines, the login gate guards the registry, lines run one at a
// time in arrival order, answers and asynchronous lines are written in order. `json <command>`
// prints the structured value as one JSON line (for the bench client). A login ends on `logout`, on
// Ctrl-D on an empty line (what the bench client sends when it closes), when the line closes, and
// after `idleLogoutMs` without input (a serial line cannot tell a client that vanished). Never throws on input: bad lines are answered with `error: …` and logged.
import { LineEditor, type LineEvent } from './line-editor.js';
import { ConsoleOutput } from './console-output.js';
import type { LoginGate, LoginOutcome } from './login.js';
import type { ConsoleIo, ConsoleRegistry } from './console-io.js';
import type { ConsoleContext } from './console-context.js';
import type { CommandResult } from './registry.js';
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import type { Logger } from '../../shared/logger.js';
import { formatDuration } from './format.js';

/** The part of the SerialLine port the console uses. */
export interface ConsoleLine {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onClose?(listener: (error?: Error) => void): () => void;
}

export interface ConsoleServiceOptions {
  readonly line: ConsoleLine;
  readonly context: ConsoleContext;
  readonly registry: ConsoleRegistry;
  readonly login: LoginGate;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Names the connection in logs: `serial /dev/ttyS0`, `stdio`. */
  readonly channel: string;
  /** Logout after this long without input (0: never); default 10 minutes. */
  readonly idleLogoutMs?: number;
  readonly maxLineBytes?: number;
  /** Lines waiting while a command runs; more are dropped with a message. Default 16. */
  readonly maxQueuedLines?: number;
}

export class ConsoleService {
  private readonly editor: LineEditor;
  private readonly out: ConsoleOutput;
  private readonly io: ConsoleIo;
  private readonly background = new Map<string, () => void>();
  private readonly queue: string[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private loggedIn = false;
  private running = false;
  private pumping: Promise<void> | null = null;
  private logoutRequested = false;
  private idleTimer: TimerHandle | null = null;
  private started = false;
  private writeChain: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(private readonly options: ConsoleServiceOptions) {
    this.log = options.logger;
    this.editor = new LineEditor({ maxLineBytes: options.maxLineBytes });
    this.out = new ConsoleOutput({ write: (b) => this.write(b), clock: options.clock, pending: () => this.editor.pending() });
    this.io = {
      emit: (line) => this.out.emit(line),
      startBackground: (name, stop) => {
        this.background.get(name)?.();
        this.background.set(name, stop);
      },
      stopBackground: (name) => this.stopOne(name),
      isBackground: (name) => this.background.has(name),
      logout: () => void (this.logoutRequested = true),
      registry: options.registry,
      now: () => options.clock.now(),
    };
  }

  get isLoggedIn(): boolean {
    return this.loggedIn;
  }

  /** Subscribes to the line and prints the banner and the PIN prompt. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { line } = this.options;
    this.unsubscribe.push(line.onData((chunk) => this.onData(chunk)));
    if (line.onClose) this.unsubscribe.push(line.onClose((e) => this.onLineClosed(e)));
    const pile = this.options.context.pile();
    this.out.lines([`pilegate pile-agent console - pile ${pile.pileId}, station ${pile.stationId}, profile ${pile.profileId}`]);
    this.toLogin();
  }

  /** Stops background activities and timers and stops reading; the line itself stays open (its owner closes it). */
  async stop(): Promise<void> {
    this.stopAll();
    this.idleTimer?.cancel();
    this.out.close();
    for (const u of this.unsubscribe.splice(0)) u();
    this.started = false;
    await this.writeChain;
  }

  /** Resolves once every queued line has been handled and its answer handed to the line. */
  async whenIdle(): Promise<void> {
    while (this.pumping) await this.pumping;
    await this.writeChain;
  }

  private write(bytes: Uint8Array): void {
    this.writeChain = this.writeChain
      .then(() => this.options.line.write(bytes))
      .catch((e: unknown) => this.log.warn({ event: 'console.write-failed', channel: this.options.channel, err: String(e) }, 'console write failed'));
  }

  private onData(chunk: Uint8Array): void {
    if (this.loggedIn) this.armIdle();
    for (const ev of this.editor.feed(chunk)) this.onEvent(ev);
  }

  private onEvent(ev: LineEvent): void {
    switch (ev.type) {
      case 'echo':
        if (ev.endsLine) this.out.lineEnded(ev.bytes);
        else this.out.echo(ev.bytes);
        return;
      case 'interrupt': {
        const stopped = this.stopAll();
        if (stopped.length > 0) this.out.lines([`stopped: ${stopped.join(', ')}`]);
        if (!this.running) this.out.showPrompt();
        return;
      }
      case 'hangup':
        // The technician left (Ctrl-D, as the bench client sends on closing): nobody stays logged in.
        if (this.loggedIn) {
          this.out.lines(['logged out']);
          this.toLogin();
        }
        return;
      case 'rejected':
        this.log.warn({ event: 'console.rejected', channel: this.options.channel, reason: ev.reason }, ev.message);
        this.out.lines([`error: ${ev.message}`]);
        if (!this.running) this.out.showPrompt();
        return;
      case 'line':
        if (this.queue.length >= (this.options.maxQueuedLines ?? 16)) {
          this.out.lines(['error: busy, line dropped']);
          return;
        }
        this.queue.push(ev.text);
        if (!this.running) {
          const p: Promise<void> = this.pump().finally(() => {
            if (this.pumping === p) this.pumping = null;
          });
          this.pumping = p;
        }
    }
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    while (this.queue.length > 0) {
      const text = this.queue.shift()!;
      this.out.busy();
      try {
        if (this.loggedIn) await this.runCommand(text.trim());
        else await this.tryLogin(text);
      } catch (e) {
        this.log.error({ event: 'console.bug', err: String(e) }, 'console line handling failed');
        this.out.lines(['error: internal error']);
      }
      this.out.showPrompt();
    }
    this.running = false;
  }

  private async tryLogin(pin: string): Promise<void> {
    if (pin.length === 0) return;
    const outcome = await this.options.login.attempt(pin, this.options.channel);
    this.out.lines([loginMessage(outcome)]);
    if (outcome.type === 'granted') {
      this.loggedIn = true;
      this.editor.setEcho('plain');
      this.out.setPrompt(`${this.options.context.pile().pileId}> `);
      this.armIdle();
    }
  }

  private async runCommand(text: string): Promise<void> {
    if (text.length === 0) return;
    const json = /^json(\s|$)/.test(text);
    const line = json ? text.slice(4).trim() : text;
    const result = await this.options.registry.run(line, this.options.context, this.io);
    this.log.info({ event: 'console.command', channel: this.options.channel, command: line.split(/\s+/).slice(0, 2).join(' '), ok: result.ok }, 'console command');
    this.out.lines(json ? [jsonAnswer(result)] : result.lines);
    if (this.logoutRequested) this.toLogin();
  }

  private toLogin(): void {
    this.logoutRequested = false;
    if (this.loggedIn) this.log.info({ event: 'console.logout', channel: this.options.channel }, 'technician logged out');
    this.loggedIn = false;
    this.stopAll();
    this.idleTimer?.cancel();
    this.idleTimer = null;
    this.editor.reset();
    this.editor.setEcho('mask');
    this.out.setPrompt('PIN: ');
    if (!this.running) this.out.showPrompt();
  }

  private armIdle(): void {
    const ms = this.options.idleLogoutMs ?? 10 * 60_000;
    if (ms <= 0) return;
    this.idleTimer?.cancel();
    this.idleTimer = this.options.clock.setTimer(ms, () => {
      this.idleTimer = null;
      if (!this.loggedIn) return;
      if (this.background.size > 0) return this.armIdle(); // a technician watching a trace is not idle
      this.out.emit(`logged out after ${formatDuration(ms)} without input`);
      this.toLogin();
    });
  }

  private stopOne(name: string): boolean {
    const stop = this.background.get(name);
    if (!stop) return false;
    this.background.delete(name);
    stop();
    return true;
  }

  private stopAll(): string[] {
    const names = [...this.background.keys()];
    for (const n of names) this.stopOne(n);
    return names;
  }

  private onLineClosed(e?: Error): void {
    this.log.warn({ event: 'console.line-closed', channel: this.options.channel, err: e?.message }, 'console line closed');
    this.stopAll();
    this.idleTimer?.cancel();
    this.loggedIn = false;
  }
}

function loginMessage(o: LoginOutcome): string {
  switch (o.type) {
    case 'granted':
      return 'logged in; type "help" for the commands';
    case 'denied':
      return `wrong PIN (${o.triesLeft} ${o.triesLeft === 1 ? 'try' : 'tries'} left before a lockout)`;
    case 'locked':
      return `too many wrong PINs: console locked, try again in ${formatDuration(o.retryInMs)}`;
    case 'disabled':
      return 'console disabled: no technician PIN is configured';
  }
}

function jsonAnswer(r: CommandResult): string {
  const error = r.ok ? undefined : r.lines.map((l) => l.replace(/^error: /, '')).join('; ');
  return JSON.stringify({ ok: r.ok, ...(error !== undefined ? { error } : {}), value: r.value ?? null });
}
