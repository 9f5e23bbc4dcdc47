// The behaviour every WhitelistRepo must show (memory and SQLite run the same suite): pages applied
// atomically, version gaps and malformed pages rejected with nothing applied, snapshots replacing
// everything, lookups, plate search, fixed passwords, counts. Test code; imported only by tests.
import { describe, expect, it } from 'vitest';
import type { WhitelistRepo } from './whitelist.repo.js';
import { aCard, aDepartment, aFixedPassword, aVehicle, aVin, deltaPage, remove, snapshotPage, upsert } from './whitelist.builders.js';

export interface RepoUnderTest {
  readonly repo: WhitelistRepo;
  close(): void;
}

const base = () =>
  snapshotPage(10, {
    departments: [aDepartment({ id: 'D1' }), aDepartment({ id: 'D2', parentId: 'D1', vinOnly: true, canPay: false, boundHere: false, offlineAllowed: false, stopPasswordVersion: 3 })],
    vehicles: [
      aVehicle({ vin: aVin(1), plate: '沪A 32567', departmentId: 'D1' }),
      aVehicle({ vin: aVin(2), plate: '沪A-32568', departmentId: 'D2' }),
      aVehicle({ vin: aVin(3), plate: '苏E.10001', departmentId: null }),
    ],
    cards: [aCard({ cardNo: 'C001', departmentId: 'D1' }), aCard({ cardNo: 'ADMIN', departmentId: null, stationAdmin: true, memberKind: 'virtual', memberCanPay: false, offlineAllowed: false })],
    fixedPasswords: [aFixedPassword({ id: 'FP1' })],
  });

export function whitelistRepoContract(name: string, make: () => RepoUnderTest): void {
  const withRepo = (body: (repo: WhitelistRepo) => void) => () => {
    const t = make();
    try {
      body(t.repo);
    } finally {
      t.close();
    }
  };
  const loaded = (body: (repo: WhitelistRepo) => void) =>
    withRepo((repo) => {
      expect(repo.applyPage(base())).toEqual({ ok: true, value: { version: 10, applied: 8 } });
      body(repo);
    });

  describe(`${name}: WhitelistRepo contract`, () => {
    it(
      'starts empty at version 0',
      withRepo((repo) => {
        expect(repo.version()).toBe(0);
        expect(repo.counts()).toEqual({ departments: 0, vehicles: 0, cards: 0, fixedPasswords: 0 });
        expect(repo.card('C001')).toBeUndefined();
        expect(repo.vehicleByVin(aVin(1))).toBeUndefined();
        expect(repo.department('D1')).toBeUndefined();
      }),
    );

    it(
      'a snapshot loads every entity with its version; lookups return the rows',
      loaded((repo) => {
        expect(repo.version()).toBe(10);
        expect(repo.counts()).toEqual({ departments: 2, vehicles: 3, cards: 2, fixedPasswords: 1 });
        expect(repo.department('D2')).toEqual({
          ...aDepartment({ id: 'D2', parentId: 'D1', vinOnly: true, canPay: false, boundHere: false, offlineAllowed: false, stopPasswordVersion: 3 }),
          version: 10,
        });
        expect(repo.card('ADMIN')).toEqual({ ...aCard({ cardNo: 'ADMIN', departmentId: null, stationAdmin: true, memberKind: 'virtual', memberCanPay: false, offlineAllowed: false }), version: 10 });
        expect(repo.vehicleByVin(aVin(3))).toEqual({ vin: aVin(3), plate: '苏E.10001', departmentId: null, version: 10 });
        expect(repo.fixedPasswords()).toEqual([{ ...aFixedPassword({ id: 'FP1' }), version: 10 }]);
        expect(repo.card('c1')).toBeUndefined(); // card numbers are canonical, no case folding
      }),
    );

    it(
      'a delta page upserts and deletes; each row keeps the version of its change',
      loaded((repo) => {
        const r = repo.applyPage(
          deltaPage(10, 15, [
            upsert('card', aCard({ cardNo: 'C009', departmentId: 'D2' }), 12),
            upsert('vehicle', aVehicle({ vin: aVin(1), plate: '沪A32567', departmentId: 'D2' }), 13),
            remove('card', 'C001', 14),
            remove('card', 'NEVER-THERE', 14),
          ]),
        );
        expect(r).toEqual({ ok: true, value: { version: 15, applied: 4 } });
        expect(repo.version()).toBe(15);
        expect(repo.card('C009')?.version).toBe(12);
        expect(repo.vehicleByVin(aVin(1))).toEqual({ vin: aVin(1), plate: '沪A32567', departmentId: 'D2', version: 13 });
        expect(repo.vehicleByVin(aVin(2))?.version).toBe(10);
        expect(repo.card('C001')).toBeUndefined();
      }),
    );

    it(
      "entries lists every row with its version (the digest's input), deletes gone",
      loaded((repo) => {
        repo.applyPage(deltaPage(10, 15, [upsert('vehicle', aVehicle({ vin: aVin(1), plate: '沪A32567', departmentId: 'D2' }), 13), remove('card', 'C001', 14)]));
        const list = [...repo.entries()].map((e) => `${e.entity}:${e.key}:${e.version}`).sort();
        expect(list).toEqual(['card:ADMIN:10', 'department:D1:10', 'department:D2:10', 'fixed-password:FP1:10', `vehicle:${aVin(1)}:13`, `vehicle:${aVin(2)}:10`, `vehicle:${aVin(3)}:10`].sort());
      }),
    );

    it(
      'an empty delta page advances the version (changes for other stations were filtered out)',
      loaded((repo) => {
        expect(repo.applyPage(deltaPage(10, 42, []))).toEqual({ ok: true, value: { version: 42, applied: 0 } });
        expect(repo.version()).toBe(42);
      }),
    );

    it(
      'a page whose fromVersion is not the stored version is rejected as a gap, nothing applied',
      loaded((repo) => {
        const r = repo.applyPage(deltaPage(11, 12, [upsert('card', aCard({ cardNo: 'C009' }), 12)]));
        expect(r).toEqual({ ok: false, error: { reason: 'version-gap', storedVersion: 10, fromVersion: 11 } });
        expect(repo.card('C009')).toBeUndefined();
        expect(repo.version()).toBe(10);
      }),
    );

    it(
      'a bad change in the middle rejects the whole page: nothing applied, version unchanged',
      loaded((repo) => {
        const r = repo.applyPage(
          deltaPage(10, 20, [
            upsert('card', aCard({ cardNo: 'C009' }), 11),
            remove('vehicle', aVin(1), 12),
            upsert('vehicle', aVehicle({ vin: 'NOT-A-VIN' }), 13),
            upsert('card', aCard({ cardNo: 'C010' }), 14),
          ]),
        );
        expect(r.ok).toBe(false);
        expect(!r.ok && r.error).toMatchObject({ reason: 'malformed', changeIndex: 2 });
        expect(repo.card('C009')).toBeUndefined();
        expect(repo.vehicleByVin(aVin(1))).toBeDefined();
        expect(repo.version()).toBe(10);
        expect(repo.counts()).toEqual({ departments: 2, vehicles: 3, cards: 2, fixedPasswords: 1 });
      }),
    );

    const bad: [string, unknown, number | null][] = [
      ['not an object', 'hello', null],
      ['null', null, null],
      ['unknown page kind', { kind: 'diff', fromVersion: 10, toVersion: 11, changes: [] }, null],
      ['delta without fromVersion', { kind: 'delta', toVersion: 11, changes: [] }, null],
      ['toVersion before fromVersion', { kind: 'delta', fromVersion: 10, toVersion: 9, changes: [] }, null],
      ['unknown entity', deltaPage(10, 11, [{ entity: 'planet', op: 'delete', key: 'S1', version: 11 } as never]), 0],
      ['key differs from the row', deltaPage(10, 11, [{ ...upsert('card', aCard({ cardNo: 'C009' }), 11), key: 'C008' }]), 0],
      ['upsert without row', deltaPage(10, 11, [{ entity: 'card', op: 'upsert', key: 'C009', version: 11 } as never]), 0],
      ['delete with a row', deltaPage(10, 11, [{ ...remove('card', 'C001', 11), row: aCard() } as never]), 0],
      ['change version not above fromVersion', deltaPage(10, 11, [upsert('card', aCard({ cardNo: 'C009' }), 10)]), 0],
      ['change version above toVersion', deltaPage(10, 11, [upsert('card', aCard({ cardNo: 'C009' }), 12)]), 0],
      ['changes out of log order', deltaPage(10, 13, [upsert('card', aCard({ cardNo: 'C009' }), 13), upsert('card', aCard({ cardNo: 'C008' }), 12)]), 1],
      ['lower-case card number', deltaPage(10, 11, [upsert('card', aCard({ cardNo: 'c9' }), 11)]), 0],
      ['stop password not a scrypt hash', deltaPage(10, 11, [upsert('department', aDepartment({ stopPasswordHash: '1234' }), 11)]), 0],
      ['fixed password in clear text', deltaPage(10, 11, [upsert('fixed-password', aFixedPassword({ hash: '888888' }), 11)]), 0],
      ['unknown member kind', deltaPage(10, 11, [upsert('card', aCard({ memberKind: 'robot' as never }), 11)]), 0],
      ['extra field in a row', deltaPage(10, 11, [upsert('vehicle', { ...aVehicle(), colour: 'red' } as never, 11)]), 0],
      ['fractional version', deltaPage(10, 11.5, []), null],
      ['a snapshot holding a delete', { kind: 'snapshot', toVersion: 20, changes: [remove('card', 'C001', 20)] }, 0],
    ];
    it.each(bad)('rejects a malformed page (%s) with nothing applied', (_n, page, index) => {
      const t = make();
      try {
        expect(t.repo.applyPage(base()).ok).toBe(true);
        const r = t.repo.applyPage(page);
        expect(r.ok).toBe(false);
        expect(!r.ok && r.error).toMatchObject({ reason: 'malformed', changeIndex: index });
        expect(t.repo.version()).toBe(10);
        expect(t.repo.counts()).toEqual({ departments: 2, vehicles: 3, cards: 2, fixedPasswords: 1 });
      } finally {
        t.close();
      }
    });

    it(
      'a snapshot replaces everything atomically, whatever version is stored',
      loaded((repo) => {
        const r = repo.applyPage(snapshotPage(7, { departments: [aDepartment({ id: 'D9' })], cards: [aCard({ cardNo: 'C099', departmentId: 'D9' })] }));
        expect(r).toEqual({ ok: true, value: { version: 7, applied: 2 } });
        expect(repo.counts()).toEqual({ departments: 1, vehicles: 0, cards: 1, fixedPasswords: 0 });
        expect(repo.card('C001')).toBeUndefined();
        expect(repo.card('C099')?.version).toBe(7);
      }),
    );

    it(
      'a malformed snapshot leaves the old cache in place',
      loaded((repo) => {
        const page = snapshotPage(30, { cards: [aCard({ cardNo: 'C005' }), aCard({ cardNo: 'bad card' })] });
        expect(repo.applyPage(page).ok).toBe(false);
        expect(repo.card('C001')).toBeDefined();
        expect(repo.card('C005')).toBeUndefined();
        expect(repo.version()).toBe(10);
      }),
    );

    it(
      'several fixed passwords are valid during a change; the old one goes with its deletion',
      loaded((repo) => {
        expect(repo.applyPage(deltaPage(10, 11, [upsert('fixed-password', aFixedPassword({ id: 'FP2' }), 11)])).ok).toBe(true);
        expect(repo.fixedPasswords().map((f) => f.id)).toEqual(['FP1', 'FP2']);
        expect(repo.applyPage(deltaPage(11, 12, [remove('fixed-password', 'FP1', 12)])).ok).toBe(true);
        expect(repo.fixedPasswords().map((f) => [f.id, f.version])).toEqual([['FP2', 11]]);
      }),
    );

    it(
      'plate search: partial, any case, ignoring spaces, dots and hyphens, ordered by plate, limited',
      loaded((repo) => {
        expect(repo.findByPlate('32567').map((v) => v.vin)).toEqual([aVin(1)]);
        expect(repo.findByPlate('a3256').map((v) => v.plate)).toEqual(['沪A 32567', '沪A-32568']);
        expect(repo.findByPlate('沪a-3256 8').map((v) => v.vin)).toEqual([aVin(2)]);
        expect(repo.findByPlate('e1000')).toEqual([{ vin: aVin(3), plate: '苏E.10001', departmentId: null, version: 10 }]);
        expect(repo.findByPlate('3256', 1).map((v) => v.plate)).toEqual(['沪A 32567']);
        expect(repo.findByPlate('99999')).toEqual([]);
        expect(repo.findByPlate(' - ')).toEqual([]);
        expect(repo.findByPlate('%')).toEqual([]);
      }),
    );
  });
}
