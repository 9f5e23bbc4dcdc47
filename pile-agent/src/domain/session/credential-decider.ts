// Runs the authorization decision for the session runner: verifies typed passwords (scrypt, async,
// password-check.ts) and calls the pure two-stage decision (authorize.ts) on the whitelist view.
// Start: card / remote / fixed password / VIN button. VIN: the BRM's VIN against the start decision.
// Stop: a typed password against the current fixed-password hashes and the mode 4 snapshot.
import { authorizeCredential, authorizeVin } from '../authorization/authorize.js';
import type { AllowedAuthDecision, AuthDecision, AuthPolicy, StopCredential } from '../authorization/authorize.types.js';
import { matchFixedPassword, matchStopPassword } from '../authorization/password-check.js';
import type { WhitelistView } from '../authorization/whitelist.repo.js';
import type { FixedPasswordEntry } from '../authorization/whitelist.types.js';
import type { VinStatus } from '../../protocols/gbt27930/messages/types.js';
import type { StartCredentialInput } from './session.types.js';

export interface CredentialDeciderDeps {
  readonly whitelist: WhitelistView & { fixedPasswords(): readonly FixedPasswordEntry[] };
  /** Read at every decision: the cloud link state and the profile's vinCharge feature. */
  readonly policy: () => AuthPolicy;
}

export class CredentialDecider {
  constructor(private readonly deps: CredentialDeciderDeps) {}

  async decideStart(c: StartCredentialInput): Promise<AuthDecision> {
    const policy = this.deps.policy();
    if (c.kind === 'fixed-password') {
      const match = await matchFixedPassword(this.deps.whitelist.fixedPasswords(), c.password);
      return authorizeCredential({ kind: 'fixed-password', match }, this.deps.whitelist, policy);
    }
    return authorizeCredential(c, this.deps.whitelist, policy);
  }

  decideVin(start: AuthDecision, vin: string | null, vinStatus: VinStatus): AuthDecision {
    if (start.verdict !== 'allow') return start;
    return authorizeVin(start as AllowedAuthDecision, { vin, vinStatus }, this.deps.whitelist, this.deps.policy());
  }

  async checkStopPassword(password: string, stopBy: readonly StopCredential[]): Promise<{ fixed: boolean; stop: boolean }> {
    const [fixed, stop] = await Promise.all([
      stopBy.some((s) => s.kind === 'fixed-password') ? matchFixedPassword(this.deps.whitelist.fixedPasswords(), password).then((m) => m !== null) : false,
      matchStopPassword(stopBy, password),
    ]);
    return { fixed, stop };
  }
}
