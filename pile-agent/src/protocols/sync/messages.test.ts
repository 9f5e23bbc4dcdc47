// The MQTT contract's message codec: every example decodes in its direction; each way a payload can
// be wrong is refused with its named reason and the field path, never a throw.
import { describe, expect, it } from 'vitest';
import { decodeMessage, DOWN_KINDS, encodeMessage, UP_KINDS } from './messages.js';
import { downExamples, stoppedRecord, upExamples } from './messages.fixture.js';
import { MAX_MESSAGE_BYTES } from './wire-rules.js';

const up = (kind: string, m: unknown) => decodeMessage('up', kind, JSON.stringify(m));
type Decoded = { ok: true } | { ok: false; error: { reason: string; detail: string } };
const reasonOf = (r: Decoded) => (r.ok ? 'ok' : r.error.reason);
const detailOf = (r: Decoded) => (r.ok ? '' : r.error.detail);

describe('decodeMessage', () => {
  it.each(UP_KINDS)('decodes the up/%s example, as string and as bytes', (kind) => {
    const json = encodeMessage(upExamples[kind] as never);
    expect(decodeMessage('up', kind, json)).toMatchObject({ ok: true, value: { kind } });
    expect(decodeMessage('up', kind, new TextEncoder().encode(json)).ok).toBe(true);
  });

  it.each(DOWN_KINDS)('decodes the down/%s example', (kind) => {
    expect(decodeMessage('down', kind, JSON.stringify(downExamples[kind]))).toMatchObject({ ok: true, value: { kind } });
  });

  it('a kind of the other direction is an unknown kind', () => {
    expect(reasonOf(decodeMessage('down', 'hello', JSON.stringify(upExamples.hello)))).toBe('unknown-kind');
    expect(reasonOf(up('command', downExamples.command))).toBe('unknown-kind');
    expect(reasonOf(up('__proto__', {}))).toBe('unknown-kind');
  });

  it('refuses bytes that are not JSON, naming the message id as unknown', () => {
    const r = decodeMessage('up', 'hello', new Uint8Array([0x7b, 0xff, 0x00]));
    expect(r).toMatchObject({ ok: false, error: { reason: 'not-json', id: null } });
  });

  it('refuses another protocol version before looking at the rest, keeping the id for the reply', () => {
    const r = up('hello', { ...upExamples.hello, v: 2 });
    expect(r).toMatchObject({ ok: false, error: { reason: 'unsupported-version', id: 'h-0001' } });
    expect(reasonOf(up('hello', { ...upExamples.hello, v: '1' }))).toBe('unsupported-version');
    expect(reasonOf(up('hello', [1]))).toBe('unsupported-version');
  });

  it('refuses an oversized payload unparsed', () => {
    const big = 'x'.repeat(MAX_MESSAGE_BYTES + 1);
    expect(decodeMessage('up', 'hello', big)).toMatchObject({ ok: false, error: { reason: 'oversized' } });
  });

  it.each([
    ['a missing field', { ...upExamples.hello, whitelistVersion: undefined }, 'whitelistVersion', 'hello'],
    ['an extra field', { ...upExamples.hello, debug: true }, 'debug', 'hello'],
    ['a fractional version', { ...upExamples['whitelist/ack'], version: 1.5 }, 'version', 'whitelist/ack'],
    ['a bad message id', { ...upExamples.status, id: 'has space' }, 'id', 'status'],
    ['a local time', { ...upExamples.status, at: '2026-05-01T08:00:00+08:00' }, 'at', 'status'],
    ['an empty batch', { ...upExamples['session/events'], events: [] }, 'events', 'session/events'],
  ] as const)('refuses %s as invalid, naming the path', (_name, message, path, kind) => {
    const r = up(kind, message);
    expect(reasonOf(r)).toBe('invalid');
    expect(detailOf(r)).toContain(path);
  });
});

describe('session events', () => {
  const events = upExamples['session/events'].events as Record<string, unknown>[];
  const batch = (e: Record<string, unknown>) => up('session/events', { ...upExamples['session/events'], events: [e] });

  it('the key must be sessionId:seq', () => {
    expect(detailOf(batch({ ...events[0], key: 'other:1' }))).toContain('events.0.key');
  });

  it('the stopped record must name its own session, pile and connector', () => {
    expect(detailOf(batch({ ...events[3], data: { ...stoppedRecord, connectorId: 2 } }))).toContain('events.0.data');
  });

  it('a stopped record without a payer is refused unless it was refused at the VIN', () => {
    expect(reasonOf(batch({ ...events[3], data: { ...stoppedRecord, payer: null } }))).toBe('invalid');
    const refused = { ...stoppedRecord, payer: null, stopReason: 'vin-refused', meterStopWh: stoppedRecord.meterStartWh };
    expect(reasonOf(batch({ ...events[3], data: refused }))).toBe('ok');
  });

  it('a session refused at the VIN delivered no energy', () => {
    expect(detailOf(batch({ ...events[3], data: { ...stoppedRecord, stopReason: 'vin-refused' } }))).toContain('meterStopWh');
  });

  it('a refusal is seq 1 of its own attempt id, with a strict body', () => {
    const id = '9d7e8b1a-1111-4e3b-9a51-2c7d0e6f1a20';
    const refusal = {
      key: `${id}:1`,
      kind: 'session.refused',
      pileId: 'P-001',
      connectorId: 1,
      sessionId: id,
      seq: 1,
      at: '2026-05-01T08:00:00Z',
      data: { credential: { kind: 'card', cardNo: 'DEADBEEF' }, vin: null, vinStatus: null, reason: 'card-unknown', mode: null, departmentId: null },
    };
    expect(reasonOf(batch(refusal))).toBe('ok');
    expect(detailOf(batch({ ...refusal, key: `${id}:2`, seq: 2 }))).toContain('seq');
    expect(reasonOf(batch({ ...refusal, data: { ...refusal.data, extra: 1 } }))).toBe('invalid');
  });

  it('an unknown event kind is refused', () => {
    expect(detailOf(batch({ ...events[0], kind: 'session.paused' }))).toContain('events.0.kind');
  });
});
