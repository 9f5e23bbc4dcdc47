// The accounts repository's contract, run on each engine (accounts-repo.int.test.ts): rows by id and
// by username in any case, a username taken in another case refused (also by two concurrent
// inserts: exactly one wins), changes that end all logins or all but one, expired and disabled
// tokens refused, and the last enabled operator kept — also against two operators disabled at once.
import { describe, expect, it } from 'vitest';
import type { AccountsRepo, NewAccount } from '../../src/domain/accounts/accounts.repo.js';

export interface RepoUnderTest {
  readonly repo: AccountsRepo;
  /** A department row the fleet accounts can name. */
  addDepartment(name: string): Promise<number>;
}

const AT = '2026-05-01T08:00:00.000Z';
const op = (username: string): NewAccount => ({ username, passwordHash: `hash-of-${username}`, role: 'operator', departmentId: null, createdAt: AT });

export function accountsRepoContract(engine: string, fresh: () => Promise<RepoUnderTest>): void {
  describe(`accounts repository on ${engine}`, () => {
    it('finds accounts by id and by username in any case; a name taken in another case is a duplicate', async () => {
      const { repo, addDepartment } = await fresh();
      expect(await repo.hasAny()).toBe(false);
      const admin = await repo.insert(op('Admin'));
      if (admin === 'duplicate') throw new Error('first insert refused');
      expect(admin).toMatchObject({ username: 'Admin', role: 'operator', department_id: null, disabled_at: null });
      expect(await repo.byUsername('aDMIN')).toEqual(admin);
      expect(await repo.byId(admin.id)).toEqual(admin);
      expect(await repo.insert(op('ADMIN'))).toBe('duplicate');
      const dept = await addDepartment('公交一公司');
      expect(await repo.departmentExists(dept)).toBe(true);
      expect(await repo.departmentExists(dept + 1000)).toBe(false);
      const fleet = await repo.insert({ ...op('fleet-a'), role: 'fleet', departmentId: dept });
      expect(fleet).toMatchObject({ role: 'fleet', department_id: dept });
      expect((await repo.list()).map((a) => a.username)).toEqual(['Admin', 'fleet-a']);
      expect(await repo.hasAny()).toBe(true);
    });

    it('two inserts of one name at once: exactly one account', async () => {
      const { repo } = await fresh();
      const results = await Promise.all(['dup', 'DUP', 'Dup', 'dUp'].map((n) => repo.insert(op(n))));
      expect(results.filter((r) => r !== 'duplicate')).toHaveLength(1);
      expect(await repo.list()).toHaveLength(1);
    });

    it('tokens: an unexpired token of an enabled account is its actor; changes end all logins or all but one', async () => {
      const { repo } = await fresh();
      const a = (await repo.insert(op('alice'))) as Exclude<Awaited<ReturnType<AccountsRepo['insert']>>, 'duplicate'>;
      await repo.insert(op('bob'));
      await repo.addToken('t-old', a.id, 1_000, 0);
      await repo.addToken('t1', a.id, 10_000, 2_000); // the expired t-old is dropped here
      await repo.addToken('t2', a.id, 10_000, 2_000);
      expect((await repo.tokenAccount('t1', 5_000))?.username).toBe('alice');
      expect(await repo.tokenAccount('t1', 10_000)).toBeUndefined();
      expect(await repo.tokenAccount('t-old', 500)).toBeUndefined();
      expect(await repo.update(a.id, { passwordHash: 'new-hash' }, { except: 't2' }, false)).toBe('ok');
      expect(await repo.tokenAccount('t1', 5_000)).toBeUndefined();
      expect((await repo.tokenAccount('t2', 5_000))?.password_hash).toBe('new-hash');
      expect(await repo.update(a.id, { disabledAt: AT }, { all: true }, true)).toBe('ok');
      expect(await repo.tokenAccount('t2', 5_000)).toBeUndefined();
      expect((await repo.byId(a.id))?.disabled_at).toBe(AT);
      await repo.update(a.id, { disabledAt: null }, null, true);
      await repo.addToken('t3', a.id, 10_000, 2_000);
      await repo.removeToken('t3');
      expect(await repo.tokenAccount('t3', 5_000)).toBeUndefined();
      expect(await repo.update(a.id + 1000, { disabledAt: AT }, null, true)).toBe('not-found');
    });

    it('keeps the last enabled operator, also when two are disabled or deleted at once', async () => {
      const { repo } = await fresh();
      const ids: number[] = [];
      for (const n of ['op1', 'op2']) ids.push(((await repo.insert(op(n))) as { id: number }).id);
      const both = await Promise.all(ids.map((id) => repo.update(id, { disabledAt: AT }, { all: true }, true)));
      expect(both.sort()).toEqual(['last-operator', 'ok']);
      const enabled = (await repo.list()).filter((a) => a.disabled_at === null);
      expect(enabled).toHaveLength(1);
      expect(await repo.delete(enabled[0].id)).toBe('last-operator');
      const op3 = (await repo.insert(op('op3'))) as { id: number };
      const deletes = await Promise.all([repo.delete(enabled[0].id), repo.delete(op3.id)]);
      expect(deletes.sort()).toEqual(['last-operator', 'ok']);
      expect((await repo.list()).filter((a) => a.disabled_at === null && a.role === 'operator')).toHaveLength(1);
      expect(await repo.delete(9_999)).toBe('not-found');
    });
  });
}
