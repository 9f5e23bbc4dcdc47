// A property of the ledger under random use (seeded, so a failure replays): top-ups, corrections and
// ingested sessions, with ordinary and extreme values (zero, one fen, the largest top-up, amounts past
// every bound, fractions, energies of 1e12 Wh), never leave a balance out of ±MAX_BALANCE_FEN or not a
// whole number, and every balance always equals the sum of its ledger entries. What is refused writes
// nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correct, MAX_BALANCE_FEN, topUp } from '../../src/domain/ledger/ledger.service.js';
import { CloudError } from '../../src/shared/cloud-error.js';
import { storeLedgerRepo } from '../../src/store/ledger.store.js';
import { sqliteStore } from '../../src/store/store.js';
import { setUpDepot, type Depot } from '../providers/depot.js';
import { aSessionRecord, startTestCloud, type TestCloud } from '../providers/test-cloud.js';

let t: TestCloud;
let d: Depot;
beforeAll(async () => {
  t = await startTestCloud();
  d = await setUpDepot(t);
});
afterAll(() => t.close());

/** mulberry32: a small seeded generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const EXTREME_FEN = [0, 1, -1, 99, 100_000_000_000, 100_000_000_001, -100_000_000_000, MAX_BALANCE_FEN, 2 ** 53, 0.5, -0.5, Number.MAX_SAFE_INTEGER];
const EXTREME_WH = [0, 1, 1_000, 400_000, 440_000, 441_000, 1e9, 1e12];

function check(): void {
  const db = t.cloud.db;
  const rows = db
    .prepare(`SELECT o.k, o.id, o.b, typeof(o.b) AS ty, COALESCE((SELECT sum(amount_fen) FROM ledger l WHERE l.owner_kind = o.k AND l.owner_id = o.id), 0) AS s
    FROM (SELECT 'department' AS k, id, balance_fen AS b FROM departments UNION ALL SELECT 'member', id, balance_fen FROM members) o`)
    .all() as { k: string; id: number; b: number; ty: string; s: number }[];
  for (const r of rows) {
    expect(r.ty, `${r.k} ${r.id}`).toBe('integer');
    expect(Math.abs(r.b), `${r.k} ${r.id}`).toBeLessThanOrEqual(MAX_BALANCE_FEN);
    expect(r.b, `${r.k} ${r.id} against its ledger`).toBe(r.s);
  }
}

describe('ledger under random use', () => {
  for (const seed of [1, 2, 3, 42, 2024]) {
    it(`seed ${seed}: 400 operations keep every balance whole, in range and equal to its ledger`, async () => {
      const ledger = storeLedgerRepo(sqliteStore(t.cloud.db));
      const r = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
      const owners = [
        { kind: 'department' as const, id: d.a },
        { kind: 'department' as const, id: d.a1 },
        { kind: 'department' as const, id: d.b },
        { kind: 'member' as const, id: d.siteCard.memberId },
      ];
      const fen = () => (r() < 0.3 ? pick(EXTREME_FEN) : Math.floor(r() * 2_000_000) - 500_000);
      let refused = 0;
      for (let i = 0; i < 400; i++) {
        const op = r();
        try {
          if (op < 0.35) await topUp(ledger, pick(owners), fen(), null, 1, '2024-05-01T00:00:00Z');
          else if (op < 0.6) await correct(ledger, pick(owners), fen(), 'property test', 1, '2024-05-01T00:00:00Z');
          else {
            const energy = r() < 0.3 ? pick(EXTREME_WH) : Math.floor(r() * 300_000);
            const rec =
              r() < 0.5
                ? aSessionRecord({ stationId: d.station, payer: { kind: 'member', memberId: d.siteCard.memberId }, meterStopWh: energy })
                : aSessionRecord({ stationId: d.station, mode: 2, credential: { kind: 'card', cardNo: d.cardA1.cardNo }, payer: { kind: 'department', departmentId: d.a1 }, meterStopWh: energy });
            const out = t.cloud.ingest(rec, 'P1');
            expect(['ingested', 'disputed']).toContain(out.status);
          }
        } catch (e) {
          refused++;
          // A refusal the API answers with a 4xx (a bad amount, a balance out of range), never a crash.
          expect(e, String(e)).toBeInstanceOf(CloudError);
          expect(['invalid', 'unprocessable']).toContain((e as CloudError).kind);
        }
        if (i % 50 === 0) check();
      }
      check();
      expect(refused).toBeGreaterThan(0); // the extremes were tried and refused
    });
  }
});
