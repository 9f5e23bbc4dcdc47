// Who may stop a session: the same card (modes 1–3), the fixed password (mode 1 by password), and
// for mode 4 the department stop password snapshotted at start — a password changed during the
// session does not apply to it (docs/charging-modes.md mode 4). Real scrypt hashes (low cost) through password-check.
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../shared/secret-hash.js';
import { authorizeCredential, authorizeVin } from './authorize.js';
import type { AllowedAuthDecision, AuthPolicy, AuthDecision } from './authorize.types.js';
import { depotRepo, VIN } from './authorize.fixture.js';
import { matchFixedPassword, matchStopPassword } from './password-check.js';
import { mayStop } from './stop-check.js';
import { aDepartment, aFixedPassword, asEntry, deltaPage, upsert } from './whitelist.builders.js';

const ONLINE: AuthPolicy = { online: true, vinChargeEnabled: true };
const FAST = { N: 1024, r: 8, p: 1 };
let oldHash = '';
let newHash = '';

beforeAll(async () => {
  oldHash = await hashSecret('1111', FAST);
  newHash = await hashSecret('2222', FAST);
});

function startMode4(): { repo: ReturnType<typeof depotRepo>; decision: AuthDecision } {
  const repo = depotRepo({ departments: [aDepartment({ id: 'D4', stopPasswordHash: oldHash, stopPasswordVersion: 7 })] });
  const start = authorizeCredential({ kind: 'vin-button' }, repo, ONLINE) as AllowedAuthDecision;
  return { repo, decision: authorizeVin(start, { vin: VIN.fleet4, vinStatus: 'valid' }, repo, ONLINE) };
}

describe('mode 4 stop password snapshot (docs/charging-modes.md mode 4)', () => {
  it('snapshots the department stop-password hash and version into the session', () => {
    const { decision } = startMode4();
    expect(decision.verdict).toBe('allow');
    expect(decision.stopBy).toEqual([{ kind: 'stop-password', departmentId: 'D4', hash: oldHash, passwordVersion: 7 }]);
  });

  it('a password changed during the session does not apply: the old one still stops it, the new one does not', async () => {
    const { repo, decision } = startMode4();
    const changed = repo.applyPage(deltaPage(100, 101, [upsert('department', aDepartment({ id: 'D4', stopPasswordHash: newHash, stopPasswordVersion: 8 }), 101)]));
    expect(changed.ok).toBe(true);
    expect(repo.department('D4')?.stopPasswordHash).toBe(newHash);
    expect(await matchStopPassword(decision.stopBy, '1111')).toBe(true);
    expect(await matchStopPassword(decision.stopBy, '2222')).toBe(false);
    expect(mayStop(decision.stopBy, { kind: 'stop-password', verified: await matchStopPassword(decision.stopBy, '1111') })).toBe(true);
    // A session started after the change uses the new password.
    const start = authorizeCredential({ kind: 'vin-button' }, repo, ONLINE) as AllowedAuthDecision;
    const later = authorizeVin(start, { vin: VIN.fleet4, vinStatus: 'valid' }, repo, ONLINE);
    expect(await matchStopPassword(later.stopBy, '2222')).toBe(true);
    expect(await matchStopPassword(later.stopBy, '1111')).toBe(false);
  });

  it('a department without a stop password: no password stops the session (remote, BMS, emergency stop only)', async () => {
    const repo = depotRepo();
    const start = authorizeCredential({ kind: 'vin-button' }, repo, ONLINE) as AllowedAuthDecision;
    const d = authorizeVin(start, { vin: VIN.fleet4, vinStatus: 'valid' }, repo, ONLINE);
    expect(d.stopBy).toEqual([]);
    expect(await matchStopPassword(d.stopBy, '1111')).toBe(false);
  });
});

describe('mayStop', () => {
  const repo = depotRepo();
  const mode2 = authorizeCredential({ kind: 'card', cardNo: 'C002' }, repo, ONLINE);
  const byPassword = authorizeCredential({ kind: 'fixed-password', match: asEntry(aFixedPassword()) }, repo, ONLINE);

  it.each([
    ['mode 2: the same card stops', mode2, { kind: 'card', cardNo: 'C002' } as const, true],
    ['mode 2: another card (even of the same department) does not', mode2, { kind: 'card', cardNo: 'C003' } as const, false],
    ['mode 2: the fixed password does not stop a card session', mode2, { kind: 'fixed-password', verified: true } as const, false],
    ['mode 1 by password: a verified fixed password stops', byPassword, { kind: 'fixed-password', verified: true } as const, true],
    ['mode 1 by password: a wrong fixed password does not', byPassword, { kind: 'fixed-password', verified: false } as const, false],
    ['mode 1 by password: a card does not', byPassword, { kind: 'card', cardNo: 'ADMIN01' } as const, false],
    ['mode 1 by password: a stop password does not', byPassword, { kind: 'stop-password', verified: true } as const, false],
  ])('%s', (_name, decision, attempt, expected) => {
    expect(mayStop(decision.stopBy, attempt)).toBe(expected);
  });
});

describe('matchFixedPassword', () => {
  it('finds the matching row among several valid hashes (during a password change both work)', async () => {
    const rows = [asEntry(aFixedPassword({ id: 'FP-OLD', hash: oldHash })), asEntry(aFixedPassword({ id: 'FP-NEW', hash: newHash }))];
    expect((await matchFixedPassword(rows, '1111'))?.id).toBe('FP-OLD');
    expect((await matchFixedPassword(rows, '2222'))?.id).toBe('FP-NEW');
    expect(await matchFixedPassword(rows, '3333')).toBeNull();
    expect(await matchFixedPassword([], '1111')).toBeNull();
  });
});
