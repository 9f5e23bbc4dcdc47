// The SQLite whitelist repository on a real database file in a temp dir: the shared WhitelistRepo
// contract, plus what only storage can show — the cache survives a reopen, and a page that fails
// inside SQLite half-way is rolled back whole.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { capturingLogger, nullLogger } from '../../shared/logger.js';
import { whitelistRepoContract } from '../../domain/authorization/whitelist-repo.contract.js';
import { aCard, aDepartment, aVehicle, aVin, deltaPage, snapshotPage, upsert } from '../../domain/authorization/whitelist.builders.js';
import { openDatabase } from './db.js';
import { SqliteWhitelistRepo } from './whitelist.repo.js';

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-wl-'));
  dirs.push(dir);
  return join(dir, 'agent.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

whitelistRepoContract('sqlite', () => {
  const { db } = openDatabase({ path: tempDb(), logger: nullLogger });
  return { repo: new SqliteWhitelistRepo({ db, logger: nullLogger }), close: () => db.close() };
});

describe('SqliteWhitelistRepo storage', () => {
  it('the cache and its version survive closing and reopening the file', () => {
    const path = tempDb();
    const first = openDatabase({ path, logger: nullLogger });
    new SqliteWhitelistRepo({ db: first.db, logger: nullLogger }).applyPage(snapshotPage(5, { cards: [aCard({ cardNo: 'C001' })] }));
    first.db.close();
    const again = openDatabase({ path, logger: nullLogger });
    const repo = new SqliteWhitelistRepo({ db: again.db, logger: nullLogger });
    expect(repo.version()).toBe(5);
    expect(repo.card('C001')?.memberName).toBe(aCard().memberName);
    again.db.close();
  });

  it('a page that fails inside SQLite half-way is rolled back whole and reported as storage-error', () => {
    const { db } = openDatabase({ path: tempDb(), logger: nullLogger });
    const records: Parameters<typeof capturingLogger>[0] = [];
    const repo = new SqliteWhitelistRepo({ db, logger: capturingLogger(records) });
    expect(repo.applyPage(snapshotPage(1, { departments: [aDepartment({ id: 'D1' })] })).ok).toBe(true);
    // A trigger makes the third change fail in storage after two were written.
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON wl_card WHEN NEW.card_no = 'BOOM' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);
    const r = repo.applyPage(deltaPage(1, 4, [upsert('department', aDepartment({ id: 'D2' }), 2), upsert('vehicle', aVehicle({ vin: aVin(7) }), 3), upsert('card', aCard({ cardNo: 'BOOM' }), 4)]));
    expect(r).toEqual({ ok: false, error: { reason: 'storage-error', message: 'disk on fire' } });
    expect(repo.department('D2')).toBeUndefined();
    expect(repo.vehicleByVin(aVin(7))).toBeUndefined();
    expect(repo.version()).toBe(1);
    expect(records.some((x) => x.level === 'error' && x.msg === 'whitelist page failed in storage')).toBe(true);
    db.close();
  });

  it('logs a rejected page (version gap) as a warning', () => {
    const { db } = openDatabase({ path: tempDb(), logger: nullLogger });
    const records: Parameters<typeof capturingLogger>[0] = [];
    const repo = new SqliteWhitelistRepo({ db, logger: capturingLogger(records) });
    expect(repo.applyPage(deltaPage(3, 4, [])).ok).toBe(false);
    expect(records).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'whitelist page rejected' }));
    db.close();
  });
});
