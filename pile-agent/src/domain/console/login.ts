// Technician login for the console: the PIN is checked against the scrypt hash from the config
// (shared/secret-hash.ts); after 5 wrong PINs in a row the console locks for 5 minutes (injected
// clock, monotonic time), and attempts while locked are refused without checking the PIN. Every
// attempt is logged (never the PIN itself). Without a configured hash nobody can log in.
import { verifySecret } from '../../shared/secret-hash.js';
import type { Clock } from '../../ports/clock.port.js';
import type { Logger } from '../../shared/logger.js';

export type LoginOutcome =
  | { readonly type: 'granted' }
  | { readonly type: 'denied'; readonly triesLeft: number }
  | { readonly type: 'locked'; readonly retryInMs: number }
  | { readonly type: 'disabled' };

export interface LoginGateOptions {
  /** scrypt hash of the technician PIN (config), or null when none is configured. */
  readonly pinHash: string | null;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Wrong PINs in a row before the lockout; default 5. */
  readonly maxTries?: number;
  /** Lockout length; default 5 minutes. */
  readonly lockoutMs?: number;
  /** The PIN check; default verifySecret (tests may pass a faster one). */
  readonly verify?: (pin: string, hash: string) => Promise<boolean>;
}

export const DEFAULT_MAX_TRIES = 5;
export const DEFAULT_LOCKOUT_MS = 5 * 60_000;

export class LoginGate {
  private failures = 0;
  private lockedUntilMs: number | null = null;
  private readonly maxTries: number;
  private readonly lockoutMs: number;
  private readonly verify: (pin: string, hash: string) => Promise<boolean>;

  constructor(private readonly options: LoginGateOptions) {
    this.maxTries = options.maxTries ?? DEFAULT_MAX_TRIES;
    this.lockoutMs = options.lockoutMs ?? DEFAULT_LOCKOUT_MS;
    this.verify = options.verify ?? verifySecret;
  }

  /** Remaining lockout, or 0 when the console accepts PINs. */
  lockedForMs(): number {
    if (this.lockedUntilMs === null) return 0;
    const left = this.lockedUntilMs - this.options.clock.monotonic();
    if (left > 0) return left;
    this.lockedUntilMs = null;
    return 0;
  }

  async attempt(pin: string, channel: string): Promise<LoginOutcome> {
    const log = this.options.logger;
    if (this.options.pinHash === null) {
      log.warn({ event: 'console.login', channel, outcome: 'disabled' }, 'console login refused: no technician PIN configured');
      return { type: 'disabled' };
    }
    const locked = this.lockedForMs();
    if (locked > 0) {
      log.warn({ event: 'console.login', channel, outcome: 'locked', retryInMs: locked }, 'console login refused: locked out');
      return { type: 'locked', retryInMs: locked };
    }
    let good = false;
    try {
      good = pin.length > 0 && pin.length <= 64 && (await this.verify(pin, this.options.pinHash));
    } catch (e) {
      log.error({ event: 'console.login', channel, err: String(e) }, 'PIN verification failed');
    }
    if (good) {
      this.failures = 0;
      log.info({ event: 'console.login', channel, outcome: 'granted' }, 'technician logged in');
      return { type: 'granted' };
    }
    this.failures++;
    if (this.failures >= this.maxTries) {
      this.failures = 0;
      this.lockedUntilMs = this.options.clock.monotonic() + this.lockoutMs;
      log.warn({ event: 'console.login', channel, outcome: 'locked', lockoutMs: this.lockoutMs }, `wrong PIN ${this.maxTries} times: console locked`);
      return { type: 'locked', retryInMs: this.lockoutMs };
    }
    const triesLeft = this.maxTries - this.failures;
    log.warn({ event: 'console.login', channel, outcome: 'denied', triesLeft }, 'wrong technician PIN');
    return { type: 'denied', triesLeft };
  }
}
