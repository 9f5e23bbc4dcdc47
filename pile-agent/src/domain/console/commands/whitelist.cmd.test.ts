// `whitelist` and `whitelist find` against the seeded in-memory whitelist: VIN, plate fragment
// (Chinese, hyphens), card number as typed, department flags, no match.
import { describe, expect, it } from 'vitest';
import { kit } from './command-test-kit.js';
import { aVin } from '../../authorization/whitelist.builders.js';

describe('whitelist', () => {
  it('shows the version and the counts', async () => {
    const r = await kit().run('whitelist');
    expect(r.lines).toEqual(['version: 42', 'departments: 2, vehicles: 2, cards: 2, fixed passwords: 0']);
    expect(r.value).toEqual({ version: 42, counts: { departments: 2, vehicles: 2, cards: 2, fixedPasswords: 0 } });
  });

  it('marks an empty cache', async () => {
    const { ctx, run } = kit();
    const { MemoryWhitelistRepo } = await import('../../authorization/whitelist.memory-repo.js');
    ctx.repo = new MemoryWhitelistRepo();
    expect((await run('whitelist')).lines[0]).toBe('version: 0 (empty: never synced or imported)');
  });
});

describe('whitelist find', () => {
  it('finds a vehicle by VIN (any case) with its department flags', async () => {
    const r = await kit().run(`whitelist find ${aVin(1).toLowerCase()}`);
    expect(r.ok).toBe(true);
    expect(r.lines).toEqual(['vehicles: 1', '  vin                plate     department', `  ${aVin(1)}  沪A32567  公交一公司 [D1] (bound here, can pay, offline ok)`]);
    expect(r.value).toMatchObject({ vehicles: [{ vin: aVin(1), plate: '沪A32567' }], card: null });
  });

  it('finds vehicles by a plate fragment ignoring case and hyphens, flagging an unbound department', async () => {
    const r = await kit().run('whitelist find b10086');
    expect(r.lines[2]).toBe(`  ${aVin(2)}  沪B-10086  公交二公司 [D2] (NOT bound here, can pay, VIN-only, offline ok)`);
  });

  it('finds a card by number as a person types it (separators, lower case)', async () => {
    const r = await kit().run('whitelist find 04:a1:b2:c3');
    expect(r.lines).toEqual(['card 04A1B2C3: 沪A32567 [M1], real member; department 公交一公司 [D1] (bound here, can pay, offline ok)']);
    const admin = await kit().run('whitelist find 1234567890');
    expect(admin.lines).toEqual(['card 1234567890: 站点通卡A [M-ADMIN], station administrator (mode 1); department no department']);
  });

  it('finds a plate given in Chinese, quoted with a space', async () => {
    const r = await kit().run('whitelist find "沪A 325"');
    expect(r.value).toMatchObject({ vehicles: [{ plate: '沪A32567' }] });
  });

  it('answers no match (not an error) and refuses a one-character query', async () => {
    const { run } = kit();
    expect(await run('whitelist find ZZZZ')).toEqual({ ok: true, lines: ['no vehicle or card matches "ZZZZ"'], value: { vehicles: [], card: null } });
    expect((await run('whitelist find 沪')).lines).toEqual(['error: give at least 2 characters of a VIN, plate or card number']);
    expect((await run('whitelist find')).lines).toEqual(['error: missing query; usage: whitelist find <query>']);
  });
});
