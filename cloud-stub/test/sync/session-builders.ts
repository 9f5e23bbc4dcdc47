// Session events as a pile's outbox writes them (contract session-events.ts), for the sync tests: a
// mode 2 card session (started → vin → meter → stopped) and a refused attempt.
import { randomUUID } from 'node:crypto';

export interface SessionSpec {
  pileId: string;
  stationId: number;
  cardNo: string;
  departmentId: number;
  vin?: string | null;
  energyWh?: number;
  at?: string;
}

export function cardSession(s: SessionSpec) {
  const sessionId = randomUUID();
  const at = s.at ?? '2024-05-01T02:00:00.000Z';
  const dept = String(s.departmentId);
  const base = (seq: number, kind: string, data: unknown, when = at) => ({ key: `${sessionId}:${seq}`, kind, pileId: s.pileId, connectorId: 1, sessionId, seq, at: when, data });
  const later = (min: number) => new Date(Date.parse(at) + min * 60_000).toISOString();
  const payer = { kind: 'department', departmentId: dept };
  const attribution = { kind: 'department', departmentId: dept };
  const vin = s.vin ?? null;
  const record = {
    version: 1,
    sessionId,
    pileId: s.pileId,
    connectorId: 1,
    stationId: s.stationId,
    mode: 2,
    credential: { kind: 'card', cardNo: s.cardNo },
    vin,
    vinStatus: vin ? 'valid' : 'absent',
    plate: null,
    payer: { kind: 'department', departmentId: dept },
    attributedDepartmentId: dept,
    meterStartWh: 1_000_000,
    meterStopWh: 1_000_000 + (s.energyWh ?? 10_000),
    startedAt: at,
    stoppedAt: later(60),
    stopReason: 'bms-full',
  };
  const events = [
    base(1, 'session.started', { mode: 2, credential: { kind: 'card', cardNo: s.cardNo }, payer, attribution, meterStartWh: 1_000_000 }),
    base(2, 'session.vin', { vin, vinStatus: vin ? 'valid' : 'absent', registered: false, plate: null, verdict: 'allow', reason: 'ok', mode: 2, payer, attribution }),
    base(3, 'session.meter', { energyWh: 1_005_000, powerW: 60_000 }, later(30)),
    base(4, 'session.stopped', record, later(60)),
  ];
  return { sessionId, events, record };
}

export function refusedAttempt(pileId: string, cardNo: string) {
  const id = randomUUID();
  return {
    key: `${id}:1`,
    kind: 'session.refused',
    pileId,
    connectorId: 1,
    sessionId: id,
    seq: 1,
    at: '2024-05-01T02:00:00.000Z',
    data: { credential: { kind: 'card', cardNo }, vin: null, vinStatus: null, reason: 'card-unknown', mode: null, departmentId: null },
  };
}

export interface AnySessionSpec {
  pileId: string;
  stationId: number;
  mode: 1 | 2 | 3 | 4;
  credential: { kind: 'card'; cardNo: string } | { kind: 'vin-button' };
  payer: { kind: 'member'; memberId: string } | { kind: 'department'; departmentId: string };
  vin?: string | null;
  startedAt?: string;
  minutes?: number;
  energyWh?: number;
  connectorId?: number;
}

/** Any session as a (possibly lying) pile would report it: started → vin → meter → stopped. */
export function aSession(s: AnySessionSpec) {
  const sessionId = randomUUID();
  const at = s.startedAt ?? '2024-05-01T02:00:00.000Z';
  const stop = new Date(Date.parse(at) + (s.minutes ?? 60) * 60_000).toISOString();
  const mid = new Date((Date.parse(at) + Date.parse(stop)) / 2).toISOString();
  const energy = s.energyWh ?? 10_000;
  const connectorId = s.connectorId ?? 1;
  const vin = s.vin ?? null;
  const cardNo = s.credential.kind === 'card' ? s.credential.cardNo : null;
  const attribution = s.payer.kind === 'department' ? { kind: 'department', departmentId: s.payer.departmentId } : null;
  const base = (seq: number, kind: string, data: unknown, when: string) => ({ key: `${sessionId}:${seq}`, kind, pileId: s.pileId, connectorId, sessionId, seq, at: when, data });
  const record = {
    version: 1,
    sessionId,
    pileId: s.pileId,
    connectorId,
    stationId: s.stationId,
    mode: s.mode,
    credential: s.credential,
    vin,
    vinStatus: vin ? 'valid' : 'absent',
    plate: null,
    payer: s.payer,
    attributedDepartmentId: attribution?.departmentId ?? null,
    meterStartWh: 1_000_000,
    meterStopWh: 1_000_000 + energy,
    startedAt: at,
    stoppedAt: stop,
    stopReason: 'bms-full',
  };
  const events = [
    base(1, 'session.started', { mode: s.mode, credential: { kind: s.credential.kind, cardNo }, payer: s.payer, attribution, meterStartWh: 1_000_000 }, at),
    base(2, 'session.vin', { vin, vinStatus: vin ? 'valid' : 'absent', registered: true, plate: null, verdict: 'allow', reason: 'ok', mode: s.mode, payer: s.payer, attribution }, at),
    base(3, 'session.meter', { energyWh: 1_000_000 + Math.min(energy, 1_000), powerW: 60_000 }, mid),
    base(4, 'session.stopped', record, stop),
  ];
  return { sessionId, events, record };
}
