// The finished-session record schema (docs/charging-modes.md rule 6): valid records pass, each broken field is
// named in the error path.
import { describe, expect, it } from 'vitest';
import { sessionRecordSchema, type SessionRecord } from './session-record.js';

const valid: SessionRecord = {
  version: 1,
  sessionId: '3f2b8c1e-8d4a-4e3b-9a51-2c7d0e6f1a20',
  pileId: 'P-001',
  connectorId: 1,
  stationId: 1,
  mode: 3,
  credential: { kind: 'card', cardNo: '04A1B2C3' },
  vin: 'LSVAU2180N2183294',
  vinStatus: 'valid',
  plate: '沪AD12345',
  payer: { kind: 'department', departmentId: '2' },
  attributedDepartmentId: '2',
  meterStartWh: 1_000_000,
  meterStopWh: 1_120_000,
  startedAt: '2024-05-01T08:00:00Z',
  stoppedAt: '2024-05-01T09:00:00.250Z',
  stopReason: 'bms-full',
};

const pathOf = (x: unknown): string[] => {
  const r = sessionRecordSchema.safeParse(x);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('sessionRecordSchema', () => {
  it('accepts a complete record and the credential kinds without card', () => {
    expect(sessionRecordSchema.safeParse(valid).success).toBe(true);
    expect(pathOf({ ...valid, credential: { kind: 'vin-button' }, mode: 4 })).toEqual([]);
    expect(pathOf({ ...valid, vin: null, vinStatus: 'absent', mode: 2 })).toEqual([]);
  });
  it.each([
    [{ sessionId: 'not-a-uuid' }, 'sessionId'],
    [{ pileId: 'a/b' }, 'pileId'],
    [{ mode: 5 }, 'mode'],
    [{ credential: { kind: 'card', cardNo: '04:a1' } }, 'credential.cardNo'],
    [{ meterStopWh: 999_999 }, 'meterStopWh'],
    [{ meterStartWh: 1.5 }, 'meterStartWh'],
    [{ startedAt: '2024-05-01T08:00:00+08:00' }, 'startedAt'],
    [{ stoppedAt: '2024-05-01T07:00:00Z' }, 'stoppedAt'],
    [{ vin: null }, 'vin'],
    [{ payer: { kind: 'member', memberId: ' x' } }, 'payer.memberId'],
    [{ stopReason: 'bored' }, 'stopReason'],
  ] as const)('rejects %o at %s', (patch, path) => {
    expect(pathOf({ ...valid, ...patch })).toContain(path);
  });
});
