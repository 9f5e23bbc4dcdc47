// Topic builders, parser and ACL confinement of the wire contract (the contract page, pile-agent/docs/mqtt-contract.md).
import { describe, expect, it } from 'vitest';
import { downTopic, isConfinedTo, parsePileTopic, pileFilter, upTopic } from './topics.js';

describe('topic builders', () => {
  it('builds up and down topics', () => {
    expect(upTopic('P-001', 'session')).toBe('pilegate/v1/piles/P-001/up/session');
    expect(downTopic('P-001', 'whitelist/delta')).toBe('pilegate/v1/piles/P-001/down/whitelist/delta');
    expect(pileFilter('P-001', 'down')).toBe('pilegate/v1/piles/P-001/down/#');
  });
  it('throws on ids or kinds that would break the topic tree', () => {
    expect(() => upTopic('a/b', 'x')).toThrow(RangeError);
    expect(() => upTopic('+', 'x')).toThrow(RangeError);
    expect(() => downTopic('P1', '#')).toThrow(RangeError);
    expect(() => downTopic('P1', '')).toThrow(RangeError);
  });
});

describe('parsePileTopic', () => {
  it('round-trips a built topic', () => {
    expect(parsePileTopic(upTopic('P1', 'whitelist/ack'))).toEqual({ pileId: 'P1', direction: 'up', kind: 'whitelist/ack' });
  });
  it.each([
    'pilegate/v1/piles/P1/up', // no kind
    'pilegate/v1/piles/P1/sideways/x', // bad direction
    'pilegate/v2/piles/P1/up/x', // other version
    'pilegate/v1/piles/+/up/x', // wildcard is not a pile id
    'other/P1/up/x',
  ])('rejects %s', (t) => expect(parsePileTopic(t)).toBeNull());
});

describe('isConfinedTo (broker ACL)', () => {
  it.each([
    ['pilegate/v1/piles/P1/down/#', true],
    ['pilegate/v1/piles/P1/down/whitelist/+', true],
    ['pilegate/v1/piles/P1/down/cmd', true],
    ['pilegate/v1/piles/P1/#', false], // reaches up/ too
    ['pilegate/v1/piles/+/down/#', false], // other piles
    ['pilegate/v1/piles/P2/down/#', false],
    ['pilegate/v1/piles/P1/up/#', false],
    ['pilegate/v1/piles/P1/down', false],
    ['pilegate/v1/piles/P1/down/a#', false], // malformed wildcard
    ['#', false],
    ['$share/g/pilegate/v1/piles/P1/down/#', false],
  ] as const)('%s for P1 down → %s', (filter, expected) => expect(isConfinedTo(filter, 'P1', 'down')).toBe(expected));
});
