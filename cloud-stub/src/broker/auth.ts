// The broker's device policy (DESIGN.md "Wire contract"): a pile connects with username = pile id
// and password = its secret (checked against the scrypt hash); once in, it may publish only under
// its own `pilegate/v1/piles/{pileId}/up/` and subscribe only under its own `.../down/`. Pure
// decisions plus the authenticate step; the aedes wiring is broker.ts.
import { isConfinedTo } from '../../../pile-agent/contract.js';

export type PileVerifier = (pileId: string, secret: string) => Promise<boolean>;

export type AuthResult = { ok: true; pileId: string } | { ok: false; returnCode: 4 | 5; reason: string };

/** MQTT 3.1.1 §3.2.2.3: 4 = bad user name or password, 5 = not authorised. */
export async function authenticatePile(verify: PileVerifier, username: string | undefined, password: Buffer | undefined): Promise<AuthResult> {
  if (!username || !password) return { ok: false, returnCode: 4, reason: 'username (pile id) and password (pile secret) are required' };
  const secret = password.toString('utf8');
  if (!(await verify(username, secret))) return { ok: false, returnCode: 4, reason: 'unknown pile or wrong secret' };
  return { ok: true, pileId: username };
}

export function mayPublish(pileId: string, topic: string): boolean {
  return !topic.includes('+') && !topic.includes('#') && isConfinedTo(topic, pileId, 'up');
}

export function maySubscribe(pileId: string, filter: string): boolean {
  return isConfinedTo(filter, pileId, 'down');
}
