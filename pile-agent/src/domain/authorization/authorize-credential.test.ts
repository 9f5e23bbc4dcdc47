// Decision table, stage (a): a credential is presented. One row per rule and refusal of docs/charging-modes.md,
// named after the rule, plus the offline-policy rows. Runs against the in-memory depot fixture.
import { describe, expect, it } from 'vitest';
import { authorizeCredential } from './authorize.js';
import type { AuthPolicy, Credential, AuthDecision } from './authorize.types.js';
import { depotRepo } from './authorize.fixture.js';
import { aFixedPassword, asEntry } from './whitelist.builders.js';

const ONLINE: AuthPolicy = { online: true, vinChargeEnabled: true };
const OFFLINE: AuthPolicy = { online: false, vinChargeEnabled: true };
const NO_VIN_CHARGE: AuthPolicy = { online: true, vinChargeEnabled: false };

const card = (cardNo: string): Credential => ({ kind: 'card', cardNo });
const fp = asEntry(aFixedPassword({ id: 'FP1', memberId: 'M-ADMIN', memberName: '站点通卡A' }));

interface Row {
  name: string;
  credential: Credential;
  policy?: AuthPolicy;
  expect: Partial<AuthDecision>;
}

const rows: Row[] = [
  // Rule 1 + mode 1: station-administrator card.
  {
    name: 'rule 1 / mode 1: station-admin card → mode 1, the member pays, attribution by the cloud, same card stops',
    credential: card('ADMIN01'),
    expect: {
      verdict: 'allow',
      reason: 'ok',
      mode: 1,
      vinRequired: false,
      payer: { kind: 'member', memberId: 'M-ADMIN', memberName: '站点通卡A' },
      attribution: { kind: 'by-cloud', hintDepartmentId: null },
      stopBy: [{ kind: 'card', cardNo: 'ADMIN01' }],
    },
  },
  { name: 'rule 3 / mode 1: station-admin member cannot pay → cannot-pay', credential: card('ADMINPOOR'), expect: { verdict: 'refuse', reason: 'cannot-pay', mode: 1 } },
  // Rule 1 + mode 1: fixed password.
  {
    name: 'rule 1 / mode 1: fixed password verified → mode 1, its member pays, the fixed password stops',
    credential: { kind: 'fixed-password', match: fp },
    expect: {
      verdict: 'allow',
      reason: 'ok',
      mode: 1,
      vinRequired: false,
      payer: { kind: 'member', memberId: 'M-ADMIN', memberName: '站点通卡A' },
      attribution: { kind: 'by-cloud', hintDepartmentId: null },
      stopBy: [{ kind: 'fixed-password' }],
      credential: { kind: 'fixed-password', cardNo: null, memberId: 'M-ADMIN', departmentId: null, fixedPasswordId: 'FP1' },
    },
  },
  { name: 'mode 1: wrong fixed password → password-wrong', credential: { kind: 'fixed-password', match: null }, expect: { verdict: 'refuse', reason: 'password-wrong', mode: 1 } },
  {
    name: 'rule 3 / mode 1: fixed password whose member cannot pay → cannot-pay',
    credential: { kind: 'fixed-password', match: asEntry(aFixedPassword({ memberCanPay: false })) },
    expect: { verdict: 'refuse', reason: 'cannot-pay', mode: 1 },
  },
  // Rule 1 + mode 2.
  {
    name: 'rule 1 / mode 2: card of a department with VIN-only off → mode 2, pool pays, card department attributed, no VIN needed',
    credential: card('C002'),
    expect: {
      verdict: 'allow',
      reason: 'ok',
      mode: 2,
      vinRequired: false,
      payer: { kind: 'department', departmentId: 'D2' },
      attribution: { kind: 'department', departmentId: 'D2' },
      stopBy: [{ kind: 'card', cardNo: 'C002' }],
      credential: { kind: 'card', cardNo: 'C002', memberId: 'M2', departmentId: 'D2', fixedPasswordId: null },
    },
  },
  { name: 'rule 2 / mode 2: department not bound to this station → department-not-bound', credential: card('C0NB'), expect: { verdict: 'refuse', reason: 'department-not-bound', mode: 2 } },
  { name: 'rule 3 / mode 2: department pool cannot pay → cannot-pay', credential: card('CPOOR'), expect: { verdict: 'refuse', reason: 'cannot-pay', mode: 2 } },
  { name: 'rule 1 / mode 2: non-admin card without a department → card-no-department', credential: card('CNODEPT'), expect: { verdict: 'refuse', reason: 'card-no-department', mode: 2, payer: null } },
  { name: 'card whose department is not in the cache → department-unknown, mode unknown', credential: card('CGHOST'), expect: { verdict: 'refuse', reason: 'department-unknown', mode: null } },
  // Rule 1 + mode 3.
  {
    name: 'rule 1 / mode 3: card of a VIN-only department → mode 3, pool pays, VIN required, attribution waits for the VIN',
    credential: card('C003'),
    expect: {
      verdict: 'allow',
      reason: 'ok',
      mode: 3,
      vinRequired: true,
      payer: { kind: 'department', departmentId: 'D3' },
      attribution: null,
      stopBy: [{ kind: 'card', cardNo: 'C003' }],
    },
  },
  { name: 'rule 2 / mode 3: VIN-only department not bound → department-not-bound', credential: card('C3NB'), expect: { verdict: 'refuse', reason: 'department-not-bound', mode: 3 } },
  // Rule 1 + mode 4.
  {
    name: 'rule 1 / mode 4: the VIN充电 button → mode 4, VIN required, payer and attribution wait for the VIN',
    credential: { kind: 'vin-button' },
    expect: { verdict: 'allow', reason: 'ok', mode: 4, vinRequired: true, payer: null, attribution: null, stopBy: [] },
  },
  { name: 'mode 4: profile without vinCharge → vin-charge-disabled', credential: { kind: 'vin-button' }, policy: NO_VIN_CHARGE, expect: { verdict: 'refuse', reason: 'vin-charge-disabled', mode: 4 } },
  // Unknown card and offline policy.
  { name: 'offline policy: unknown card while online → ask-cloud', credential: card('NOSUCHCARD'), expect: { verdict: 'ask-cloud', reason: 'card-unknown', mode: null } },
  { name: 'offline policy: unknown card while offline → card-unknown', credential: card('NOSUCHCARD'), policy: OFFLINE, expect: { verdict: 'refuse', reason: 'card-unknown', mode: null } },
  { name: 'offline policy: cached mode 2 card is trusted offline', credential: card('C002'), policy: OFFLINE, expect: { verdict: 'allow', reason: 'ok', mode: 2 } },
  { name: 'offline policy: cached can-pay flag is used offline (cannot-pay)', credential: card('CPOOR'), policy: OFFLINE, expect: { verdict: 'refuse', reason: 'cannot-pay', mode: 2 } },
  { name: 'offline policy: department marked online-only → offline-not-allowed', credential: card('COFF'), policy: OFFLINE, expect: { verdict: 'refuse', reason: 'offline-not-allowed', mode: 2 } },
  { name: 'offline policy: the same online-only department is fine online', credential: card('COFF'), expect: { verdict: 'allow', reason: 'ok', mode: 2 } },
  {
    name: 'offline policy: station-admin card marked online-only → offline-not-allowed',
    credential: card('ADMINOFF'),
    policy: OFFLINE,
    expect: { verdict: 'refuse', reason: 'offline-not-allowed', mode: 1 },
  },
  { name: 'offline policy: station-admin card trusted offline', credential: card('ADMIN01'), policy: OFFLINE, expect: { verdict: 'allow', mode: 1 } },
  { name: 'offline policy: fixed password works offline', credential: { kind: 'fixed-password', match: fp }, policy: OFFLINE, expect: { verdict: 'allow', mode: 1 } },
  { name: 'offline policy: VIN button works offline', credential: { kind: 'vin-button' }, policy: OFFLINE, expect: { verdict: 'allow', mode: 4 } },
  // Remote start follows the card's rules.
  {
    name: 'remote start on behalf of a mode 2 card → same rules, recorded as remote',
    credential: { kind: 'remote', cardNo: 'C002' },
    expect: { verdict: 'allow', mode: 2, credential: { kind: 'remote', cardNo: 'C002', memberId: 'M2', departmentId: 'D2', fixedPasswordId: null } },
  },
  {
    name: 'remote start on behalf of a card of an unbound department → department-not-bound',
    credential: { kind: 'remote', cardNo: 'C0NB' },
    expect: { verdict: 'refuse', reason: 'department-not-bound' },
  },
];

describe('authorizeCredential — decision table (docs/charging-modes.md)', () => {
  const repo = depotRepo();
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const d = authorizeCredential(row.credential, repo, row.policy ?? ONLINE);
    expect(d.stage).toBe('credential');
    expect(d.vin).toBeNull();
    expect(d).toMatchObject(row.expect);
  });

  it('every refusal leaves nothing that could stop or pay a session', () => {
    for (const row of rows.filter((r) => r.expect.verdict !== 'allow')) {
      const d = authorizeCredential(row.credential, repo, row.policy ?? ONLINE);
      expect(d.stopBy, row.name).toEqual([]);
      expect(d.vinRequired, row.name).toBe(false);
    }
  });
});
