// One valid example of every message of the contract, shared by the contract tests and the contract
// page (docs/mqtt-contract.md shows the same examples). Data only.
// biome-ignore-all format: rows laid out by hand, one table row per line or two
import type { DownKind, UpKind } from './messages.js';

const SESSION = '3f2b8c1e-8d4a-4e3b-9a51-2c7d0e6f1a20';
const at = '2026-05-01T08:00:00.000Z';

export const stoppedRecord = {
  version: 1, sessionId: SESSION, pileId: 'P-001', connectorId: 1, stationId: 7, mode: 3,
  credential: { kind: 'card', cardNo: '04A1B2C3' }, vin: 'LSVAU2180N2183294', vinStatus: 'valid', plate: '沪AD12345',
  payer: { kind: 'department', departmentId: '12' }, attributedDepartmentId: '12',
  meterStartWh: 1_000_000, meterStopWh: 1_120_000, startedAt: '2026-05-01T08:00:00.000Z', stoppedAt: '2026-05-01T09:00:00.250Z', stopReason: 'bms-full',
};

export const upExamples: Record<UpKind, Record<string, unknown>> = {
  hello: {
    v: 1, id: 'h-0001', at, agentVersion: '0.1.0', stationId: 7, whitelistVersion: 41,
    connectors: [{ id: 1, phase: 'idle' }, { id: 2, phase: 'charging' }], outbox: { depth: 3, oldestAt: '2026-05-01T07:59:58.000Z' },
  },
  status: { v: 1, id: 's-0001', at, state: 'online', whitelistVersion: 41, outbox: { depth: 0, oldestAt: null } },
  'whitelist/request': { v: 1, id: 'r-0001', at, fromVersion: 41, reason: 'gap' },
  'whitelist/ack': { v: 1, id: 'a-0001', at, re: 'p-0001', version: 45 },
  'session/events': {
    v: 1, id: 'e-0001', at,
    events: [
      { key: `${SESSION}:1`, kind: 'session.started', pileId: 'P-001', connectorId: 1, sessionId: SESSION, seq: 1, at,
        data: { mode: 3, credential: { kind: 'card', cardNo: '04A1B2C3' }, payer: { kind: 'department', departmentId: '12' }, attribution: { kind: 'department', departmentId: '12' }, meterStartWh: 1_000_000 } },
      { key: `${SESSION}:2`, kind: 'session.vin', pileId: 'P-001', connectorId: 1, sessionId: SESSION, seq: 2, at,
        data: { vin: 'LSVAU2180N2183294', vinStatus: 'valid', registered: true, plate: '沪AD12345', verdict: 'allow', reason: 'ok', mode: 3, payer: { kind: 'department', departmentId: '12' }, attribution: { kind: 'department', departmentId: '12' } } },
      { key: `${SESSION}:3`, kind: 'session.meter', pileId: 'P-001', connectorId: 1, sessionId: SESSION, seq: 3, at, data: { energyWh: 1_060_000, powerW: 120_000 } },
      { key: `${SESSION}:4`, kind: 'session.stopped', pileId: 'P-001', connectorId: 1, sessionId: SESSION, seq: 4, at, data: stoppedRecord },
    ],
  },
  'command/ack': { v: 1, id: 'c-0001', at, re: 'cmd-0001', status: 'acknowledged' },
  error: { v: 1, id: 'x-0001', at, re: 'p-0002', kind: 'whitelist/page', reason: 'invalid', detail: 'page.changes.0.row.vin: VIN: 17 characters' },
};

export const downExamples: Record<DownKind, Record<string, unknown>> = {
  'whitelist/page': {
    v: 1, id: 'p-0001', at, re: 'h-0001',
    page: { kind: 'delta', fromVersion: 41, toVersion: 45, changes: [
      { entity: 'vehicle', op: 'upsert', key: 'LSVAU2180N2183294', version: 43, row: { vin: 'LSVAU2180N2183294', plate: '沪AD12345', departmentId: '12' } },
      { entity: 'card', op: 'delete', key: '04A1B2C4', version: 45 },
    ] },
  },
  'session/ack': { v: 1, id: 'k-0001', at, re: 'e-0001', results: [{ key: `${SESSION}:1`, status: 'applied' }, { key: `${SESSION}:2`, status: 'duplicate' }] },
  command: { v: 1, id: 'cmd-0001', at, command: { kind: 'stop', connectorId: 1, reason: 'remote' }, expiresAt: '2026-05-01T08:01:00.000Z' },
  error: { v: 1, id: 'x-0002', at, re: 'e-0002', kind: 'session/events', reason: 'unsupported-version', detail: 'v 2; this side speaks v 1' },
};
