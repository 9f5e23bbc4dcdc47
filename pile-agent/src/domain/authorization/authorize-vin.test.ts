// Decision table, stage (b): the VIN is known at BRM (rule 4). Modes 3 and 4 refuse an absent,
// malformed, bad-check-digit, unregistered or foreign VIN before any energy; modes 1 and 2 never
// refuse on the VIN, they record it (mode 1 with the registered department as attribution hint).
// biome-ignore-all format: rows laid out by hand, one table row per line or two
import { describe, expect, it } from 'vitest';
import { authorizeCredential, authorizeVin } from './authorize.js';
import type { AllowedAuthDecision, AuthPolicy, Credential, AuthDecision, VinReading } from './authorize.types.js';
import { depotRepo, VIN } from './authorize.fixture.js';
import { aDepartment, aFixedPassword, asEntry, withBadCheckDigit } from './whitelist.builders.js';

const ONLINE: AuthPolicy = { online: true, vinChargeEnabled: true };
const OFFLINE: AuthPolicy = { online: false, vinChargeEnabled: true };

const valid = (vin: string): VinReading => ({ vin, vinStatus: 'valid' });
const ABSENT: VinReading = { vin: null, vinStatus: 'absent' };
const MALFORMED: VinReading = { vin: null, vinStatus: 'malformed' };
const badDigit = (vin: string): VinReading => ({ vin: withBadCheckDigit(vin), vinStatus: 'bad-check-digit' });
const card = (cardNo: string): Credential => ({ kind: 'card', cardNo });
const BUTTON: Credential = { kind: 'vin-button' };

interface Row {
  name: string;
  credential: Credential;
  reading: VinReading;
  policy?: AuthPolicy;
  expect: Partial<AuthDecision>;
}

const rows: Row[] = [
  // Mode 1: never refuses on the VIN; attribution hint from the registry.
  { name: 'mode 1: registered VIN → allow, hint = its department', credential: card('ADMIN01'), reading: valid(VIN.fleet3),
    expect: { verdict: 'allow', mode: 1, attribution: { kind: 'by-cloud', hintDepartmentId: 'D3' }, vin: { vin: VIN.fleet3, status: 'valid', registered: true, plate: '沪A10003' } } },
  { name: 'mode 1: unregistered VIN still charges → allow, unattributed hint', credential: card('ADMIN01'), reading: valid(VIN.unregistered),
    expect: { verdict: 'allow', attribution: { kind: 'by-cloud', hintDepartmentId: null }, vin: { vin: VIN.unregistered, status: 'valid', registered: false, plate: null } } },
  { name: 'mode 1: no VIN (old BMS) → allow, recorded absent', credential: card('ADMIN01'), reading: ABSENT,
    expect: { verdict: 'allow', vin: { vin: null, status: 'absent', registered: false, plate: null } } },
  { name: 'mode 1: vehicle of an unbound department still charges on the station card', credential: card('ADMIN01'), reading: valid(VIN.notBound),
    expect: { verdict: 'allow', attribution: { kind: 'by-cloud', hintDepartmentId: 'DNB' } } },
  { name: 'mode 1 (fixed password): malformed VIN → allow, recorded', credential: { kind: 'fixed-password', match: asEntry(aFixedPassword()) }, reading: MALFORMED,
    expect: { verdict: 'allow', mode: 1, stopBy: [{ kind: 'fixed-password' }], vin: { vin: null, status: 'malformed', registered: false, plate: null } } },
  // Mode 2: records the VIN, attribution stays the card's department.
  { name: 'mode 2: no VIN (the mode 2 case) → allow, card department attributed', credential: card('C002'), reading: ABSENT,
    expect: { verdict: 'allow', mode: 2, attribution: { kind: 'department', departmentId: 'D2' }, vin: { vin: null, status: 'absent', registered: false, plate: null } } },
  { name: 'mode 2: VIN of another fleet → allow, still the card department', credential: card('C002'), reading: valid(VIN.fleet3),
    expect: { verdict: 'allow', attribution: { kind: 'department', departmentId: 'D2' }, vin: { vin: VIN.fleet3, status: 'valid', registered: true, plate: '沪A10003' } } },
  { name: 'mode 2: bad check digit → allow, recorded', credential: card('C002'), reading: badDigit(VIN.fleet2), expect: { verdict: 'allow', reason: 'ok' } },
  // Mode 3.
  { name: 'mode 3: registered VIN of the card department → allow, vehicle department attributed', credential: card('C003'), reading: valid(VIN.fleet3),
    expect: { verdict: 'allow', reason: 'ok', mode: 3, payer: { kind: 'department', departmentId: 'D3' }, attribution: { kind: 'department', departmentId: 'D3' }, stopBy: [{ kind: 'card', cardNo: 'C003' }] } },
  { name: 'mode 3: VIN cannot be read (absent) → vin-absent', credential: card('C003'), reading: ABSENT, expect: { verdict: 'refuse', reason: 'vin-absent', mode: 3 } },
  { name: 'mode 3: VIN field not VIN characters → vin-malformed', credential: card('C003'), reading: MALFORMED, expect: { verdict: 'refuse', reason: 'vin-malformed' } },
  { name: 'mode 3: check digit wrong → vin-bad-check-digit', credential: card('C003'), reading: badDigit(VIN.fleet3), expect: { verdict: 'refuse', reason: 'vin-bad-check-digit' } },
  { name: 'mode 3: VIN not registered → vin-unregistered', credential: card('C003'), reading: valid(VIN.unregistered), expect: { verdict: 'refuse', reason: 'vin-unregistered' } },
  { name: 'mode 3: vehicle of another department → vin-other-department', credential: card('C003'), reading: valid(VIN.fleet3other), expect: { verdict: 'refuse', reason: 'vin-other-department' } },
  { name: 'mode 3: vehicle without department → vin-other-department', credential: card('C003'), reading: valid(VIN.noDepartment), expect: { verdict: 'refuse', reason: 'vin-other-department' } },
  { name: 'mode 3 offline: cached registration trusted', credential: card('C003'), reading: valid(VIN.fleet3), policy: OFFLINE, expect: { verdict: 'allow', mode: 3 } },
  // Mode 4.
  { name: 'mode 4: registered VIN, department bound and can pay → allow, pool and attribution = vehicle department', credential: BUTTON, reading: valid(VIN.fleet4),
    expect: { verdict: 'allow', reason: 'ok', mode: 4, payer: { kind: 'department', departmentId: 'D4' }, attribution: { kind: 'department', departmentId: 'D4' } } },
  { name: 'mode 4: VIN cannot be read → vin-absent', credential: BUTTON, reading: ABSENT, expect: { verdict: 'refuse', reason: 'vin-absent', mode: 4, payer: null } },
  { name: 'mode 4: malformed VIN → vin-malformed', credential: BUTTON, reading: MALFORMED, expect: { verdict: 'refuse', reason: 'vin-malformed' } },
  { name: 'mode 4: check digit wrong → vin-bad-check-digit', credential: BUTTON, reading: badDigit(VIN.fleet4), expect: { verdict: 'refuse', reason: 'vin-bad-check-digit' } },
  { name: 'mode 4: VIN not registered → vin-unregistered', credential: BUTTON, reading: valid(VIN.unregistered), expect: { verdict: 'refuse', reason: 'vin-unregistered' } },
  { name: 'rule 2 / mode 4: vehicle department not bound → department-not-bound', credential: BUTTON, reading: valid(VIN.notBound), expect: { verdict: 'refuse', reason: 'department-not-bound' } },
  { name: 'rule 3 / mode 4: vehicle department cannot pay → cannot-pay', credential: BUTTON, reading: valid(VIN.poor), expect: { verdict: 'refuse', reason: 'cannot-pay' } },
  { name: 'mode 4: registered vehicle without department → vehicle-no-department', credential: BUTTON, reading: valid(VIN.noDepartment), expect: { verdict: 'refuse', reason: 'vehicle-no-department' } },
  { name: 'mode 4: vehicle department missing from the cache → department-unknown', credential: BUTTON, reading: valid(VIN.ghostDepartment), expect: { verdict: 'refuse', reason: 'department-unknown' } },
  { name: 'mode 4 offline: cached entries trusted', credential: BUTTON, reading: valid(VIN.fleet4), policy: OFFLINE, expect: { verdict: 'allow', mode: 4 } },
  { name: 'mode 4 offline: online-only department → offline-not-allowed', credential: BUTTON, reading: valid(VIN.offlineDenied), policy: OFFLINE, expect: { verdict: 'refuse', reason: 'offline-not-allowed' } },
  { name: 'mode 4 online: the online-only department charges', credential: BUTTON, reading: valid(VIN.offlineDenied), expect: { verdict: 'allow' } },
];

function decide(row: Row): AuthDecision {
  const repo = depotRepo();
  const policy = row.policy ?? ONLINE;
  const start = authorizeCredential(row.credential, repo, policy);
  return start.verdict === 'allow' ? authorizeVin(start as AllowedAuthDecision, row.reading, repo, policy) : start;
}

describe('authorizeVin — decision table (docs/charging-modes.md rule 4)', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    expect(decide(row)).toMatchObject(row.expect);
  });

  it('every VIN-stage decision is marked stage "vin" and records the reading', () => {
    for (const row of rows.filter((r) => authorizeCredential(r.credential, depotRepo(), r.policy ?? ONLINE).verdict === 'allow')) {
      const d = decide(row);
      expect(d.stage, row.name).toBe('vin');
      expect(d.vin?.status, row.name).toBe(row.reading.vinStatus);
    }
  });

  it('mode 3: a department unbound between card and BRM is refused at the VIN stage', () => {
    const repo = depotRepo();
    const start = authorizeCredential({ kind: 'card', cardNo: 'C003' }, repo, ONLINE) as AllowedAuthDecision;
    expect(start.verdict).toBe('allow');
    const r = repo.applyPage({ kind: 'delta', fromVersion: 100, toVersion: 101, changes: [
      { entity: 'department', op: 'upsert', key: 'D3', version: 101, row: aDepartment({ id: 'D3', vinOnly: true, boundHere: false }) },
    ] });
    expect(r.ok).toBe(true);
    expect(authorizeVin(start, valid(VIN.fleet3), repo, ONLINE)).toMatchObject({ verdict: 'refuse', reason: 'department-not-bound' });
  });

  it('a refused start given to the VIN stage comes back unchanged', () => {
    const repo = depotRepo();
    const refused = authorizeCredential({ kind: 'card', cardNo: 'C0NB' }, repo, ONLINE);
    expect(authorizeVin(refused as AllowedAuthDecision, valid(VIN.fleet3), repo, ONLINE)).toBe(refused);
  });
});
