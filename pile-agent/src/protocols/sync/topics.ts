// The MQTT topic scheme of the wire contract (the contract page, pile-agent/docs/mqtt-contract.md): every pile talks on
// `pilegate/v1/piles/{pileId}/up/{kind}` (pile → cloud) and reads `.../down/{kind}` (cloud → pile).
// Builders, a strict parser and the id rule both sides and the broker ACL use. Pure: no I/O.

export const TOPIC_ROOT = 'pilegate/v1/piles';

/** A pile id must be usable as one MQTT topic level: no `/`, `+`, `#`, `$`, no spaces (MQTT 3.1.1 §4.7). */
export const PILE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A message kind: one or more lower-case levels, e.g. `session`, `whitelist/ack`. */
export const KIND_PATTERN = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

export type Direction = 'up' | 'down';

export interface PileTopic {
  readonly pileId: string;
  readonly direction: Direction;
  readonly kind: string;
}

function assertPart(value: string, pattern: RegExp, what: string): void {
  if (!pattern.test(value)) throw new RangeError(`invalid ${what}: ${JSON.stringify(value)}`);
}

/** `pilegate/v1/piles/{pileId}/up/{kind}`; throws on an id or kind that breaks the scheme (a bug). */
export function upTopic(pileId: string, kind: string): string {
  assertPart(pileId, PILE_ID_PATTERN, 'pile id');
  assertPart(kind, KIND_PATTERN, 'kind');
  return `${TOPIC_ROOT}/${pileId}/up/${kind}`;
}

/** `pilegate/v1/piles/{pileId}/down/{kind}`. */
export function downTopic(pileId: string, kind: string): string {
  assertPart(pileId, PILE_ID_PATTERN, 'pile id');
  assertPart(kind, KIND_PATTERN, 'kind');
  return `${TOPIC_ROOT}/${pileId}/down/${kind}`;
}

/** The subscription filter for everything one pile may publish (`.../up/#`) or read (`.../down/#`). */
export function pileFilter(pileId: string, direction: Direction): string {
  assertPart(pileId, PILE_ID_PATTERN, 'pile id');
  return `${TOPIC_ROOT}/${pileId}/${direction}/#`;
}

/** The filter the cloud subscribes to for all piles' uplink. */
export const ALL_PILES_UP_FILTER = `${TOPIC_ROOT}/+/up/#`;

/** Parses a concrete topic (no wildcards); null when it is not a pilegate pile topic. */
export function parsePileTopic(topic: string): PileTopic | null {
  const prefix = `${TOPIC_ROOT}/`;
  if (!topic.startsWith(prefix)) return null;
  const rest = topic.slice(prefix.length).split('/');
  if (rest.length < 3) return null;
  const [pileId, direction, ...kindParts] = rest;
  if (!PILE_ID_PATTERN.test(pileId)) return null;
  if (direction !== 'up' && direction !== 'down') return null;
  const kind = kindParts.join('/');
  if (!KIND_PATTERN.test(kind)) return null;
  return { pileId, direction, kind };
}

/**
 * True when `filter` (a topic or a subscription filter with `+`/`#`) can only ever match topics
 * under `pilegate/v1/piles/{pileId}/{direction}/`. A wildcard at or above the pile level, `$` topics
 * and shared subscriptions are outside. Used by the broker's ACL (MQTT 3.1.1 §4.7.1 wildcards).
 */
export function isConfinedTo(filter: string, pileId: string, direction: Direction): boolean {
  if (!PILE_ID_PATTERN.test(pileId)) return false;
  const own = `${TOPIC_ROOT}/${pileId}/${direction}`;
  if (filter === `${own}/#`) return true;
  if (!filter.startsWith(`${own}/`)) return false;
  const tail = filter.slice(own.length + 1);
  if (tail.length === 0) return false;
  const levels = tail.split('/');
  return levels.every((l, i) => {
    if (l === '#') return i === levels.length - 1;
    if (l === '+') return true;
    return l.length > 0 && !l.includes('+') && !l.includes('#');
  });
}
