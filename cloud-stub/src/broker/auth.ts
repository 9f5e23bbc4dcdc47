// The broker's device policy (the contract page, pile-agent/docs/mqtt-contract.md): a pile connects with username = pile id,
// client id = pile id and password = its secret (checked against the scrypt hash); once in, it may
// publish only under its own `pilegate/v1/piles/{pileId}/up/` and subscribe only under its own
// `.../down/`. One privileged identity, the cloud (username like `cloud:main`, which can never be a
// pile id), reads every pile's up/ and writes every pile's down/. Pure decisions plus the
// authenticate step; the aedes wiring is broker.ts.
import { createHash, timingSafeEqual } from 'node:crypto';
import { ALL_PILES_UP_FILTER, TOPIC_ROOT, isConfinedTo, parsePileTopic } from '../../../pile-agent/contract.js';

export type PileVerifier = (pileId: string, secret: string) => Promise<boolean>;

/** Who a connected client is: one pile, or the cloud's own sync client. */
export type Identity = { kind: 'pile'; pileId: string } | { kind: 'cloud'; username: string };

export interface CloudCredentials {
  username: string;
  password: string;
}

export type AuthResult = { ok: true; identity: Identity } | { ok: false; returnCode: 2 | 4 | 5; reason: string };

/** Constant-time string equality (digests first, so the lengths leak nothing either). */
export function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

/**
 * MQTT 3.1.1 §3.2.2.3: 2 = identifier rejected, 4 = bad user name or password, 5 = not authorised.
 * A pile must use its pile id as client id (so no pile can take over another pile's session). The
 * verifier runs for unknown pile ids too (it spends the same scrypt time on a dummy hash).
 */
export async function authenticate(verify: PileVerifier, cloud: CloudCredentials | undefined, clientId: string, username: string | undefined, password: Buffer | undefined): Promise<AuthResult> {
  if (!username || !password) return { ok: false, returnCode: 4, reason: 'username (pile id) and password (pile secret) are required' };
  const secret = password.toString('utf8');
  if (cloud && username === cloud.username) {
    if (!sameSecret(secret, cloud.password)) return { ok: false, returnCode: 4, reason: 'wrong cloud password' };
    return { ok: true, identity: { kind: 'cloud', username } };
  }
  const good = await verify(username, secret);
  if (!good) return { ok: false, returnCode: 4, reason: 'unknown pile or wrong secret' };
  if (clientId !== username) return { ok: false, returnCode: 2, reason: `a pile must connect with client id = its pile id (got ${JSON.stringify(clientId)})` };
  return { ok: true, identity: { kind: 'pile', pileId: username } };
}

export function mayPublish(who: Identity, topic: string): boolean {
  if (topic.includes('+') || topic.includes('#')) return false;
  if (who.kind === 'pile') return isConfinedTo(topic, who.pileId, 'up');
  const t = parsePileTopic(topic);
  return t !== null && t.direction === 'down';
}

const SHARE = /^\$share\/([^/+#]+)\/(.+)$/;

/** The cloud may read every pile's up/: the all-piles filter (also as `$share/{group}/…`) or one pile's. */
export function maySubscribe(who: Identity, filter: string): boolean {
  if (who.kind === 'pile') return isConfinedTo(filter, who.pileId, 'down');
  const inner = SHARE.exec(filter)?.[2] ?? filter;
  if (inner === ALL_PILES_UP_FILTER) return true;
  const pileId = inner.startsWith(`${TOPIC_ROOT}/`) ? inner.slice(TOPIC_ROOT.length + 1).split('/')[0] : '';
  return isConfinedTo(inner, pileId, 'up');
}

/** `$share/{group}/{filter}` → `{filter}` (aedes has no shared subscriptions; one cloud client reads all). */
export function unshare(filter: string): string {
  return SHARE.exec(filter)?.[2] ?? filter;
}
