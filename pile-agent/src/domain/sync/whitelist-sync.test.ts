// WhitelistSync over the in-memory repository: deltas applied or asked again, snapshot parts staged
// and applied whole, and the snapshot-storm defect — a redelivered part, the rest of a broken
// snapshot and a delta that overtakes a snapshot are ignored or held, never a new request each.
import { describe, expect, it } from 'vitest';
import { aDepartment, aVehicle, aVin, deltaPage, upsert } from '../authorization/whitelist.builders.js';
import { MemoryWhitelistRepo } from '../authorization/whitelist.memory-repo.js';
import { nullLogger } from '../../shared/logger.js';
import { WhitelistSync, type PageOutcome } from './whitelist-sync.js';

const now = () => '2026-05-01T08:00:00.000Z';
const dept = upsert('department', aDepartment(), 10);
const vehicle = (n: number, v = 10) => upsert('vehicle', aVehicle({ vin: aVin(n) }), v);

/** A snapshot at `toVersion` split into `parts` parts: part 1 carries the department, each part one vehicle. */
function snapshotParts(id: string, toVersion: number, parts: number) {
  return Array.from({ length: parts }, (_, i) => ({
    kind: 'snapshot',
    snapshotId: id,
    toVersion,
    part: i + 1,
    parts,
    changes: i === 0 ? [dept, vehicle(i, toVersion)] : [vehicle(i, toVersion)],
  }));
}

function setup() {
  const repo = new MemoryWhitelistRepo();
  return { repo, sync: new WhitelistSync(repo, nullLogger, now) };
}

const kinds = (outs: PageOutcome[]) => outs.map((o) => o.kind);

describe('WhitelistSync', () => {
  it('applies a delta that starts at the held version and acknowledges the new version', () => {
    const { repo, sync } = setup();
    expect(sync.onPage(deltaPage(0, 10, [dept, vehicle(1)]))).toEqual({ kind: 'ack', version: 10, staged: false });
    expect(repo.vehicleByVin(aVin(1))).toBeDefined();
    expect(sync.lastPageAt).toBe(now());
  });

  it('asks again from the held version when a delta leaves a gap', () => {
    const { sync } = setup();
    const out = sync.onPage(deltaPage(5, 10, [dept]));
    expect(out).toMatchObject({ kind: 'request', fromVersion: 0, reason: 'gap' });
  });

  it('ignores a redelivered delta it already holds (no resync)', () => {
    const { sync } = setup();
    const page = deltaPage(0, 10, [dept]);
    sync.onPage(page);
    expect(sync.onPage(page).kind).toBe('ignore');
  });

  it('asks again with reason malformed for a page that fails validation, applying nothing', () => {
    const { repo, sync } = setup();
    const out = sync.onPage(deltaPage(0, 10, [upsert('vehicle', aVehicle({ vin: 'SHORT' }), 10)]));
    expect(out).toMatchObject({ kind: 'request', reason: 'malformed' });
    expect(repo.version()).toBe(0);
  });

  it('stages snapshot parts and replaces the cache only when the last arrives', () => {
    const { repo, sync } = setup();
    const parts = snapshotParts('s1', 20, 3);
    expect(sync.onPage(parts[0])).toEqual({ kind: 'ack', version: 0, staged: true });
    expect(sync.onPage(parts[1])).toEqual({ kind: 'ack', version: 0, staged: true });
    expect(repo.version()).toBe(0);
    expect(sync.onPage(parts[2])).toEqual({ kind: 'ack', version: 20, staged: false });
    expect(repo.counts().vehicles).toBe(3);
  });

  it('ignores a duplicated snapshot part and still completes the snapshot (the storm defect)', () => {
    const { repo, sync } = setup();
    const parts = snapshotParts('s1', 20, 6);
    const outs = [parts[0], parts[1], parts[1], parts[2], parts[0], parts[3], parts[4], parts[5]].map((p) => sync.onPage(p));
    expect(kinds(outs)).toEqual(['ack', 'ack', 'ignore', 'ack', 'ignore', 'ack', 'ack', 'ack']);
    expect(outs.filter((o) => o.kind === 'request')).toHaveLength(0);
    expect(repo.version()).toBe(20);
  });

  it('asks once when a part goes missing, and ignores the rest of that snapshot', () => {
    const { sync } = setup();
    const parts = snapshotParts('s1', 20, 8);
    const outs = [parts[0], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7]].map((p) => sync.onPage(p));
    expect(kinds(outs)).toEqual(['ack', 'request', 'ignore', 'ignore', 'ignore', 'ignore', 'ignore']);
  });

  it('a new snapshot replaces a broken one from its part 1', () => {
    const { repo, sync } = setup();
    const old = snapshotParts('s1', 20, 3);
    sync.onPage(old[0]);
    sync.onPage(old[2]);
    const fresh = snapshotParts('s2', 21, 2);
    expect(kinds(fresh.map((p) => sync.onPage(p)))).toEqual(['ack', 'ack']);
    expect(repo.version()).toBe(21);
  });

  it('holds a delta that arrives during a snapshot and applies it after the snapshot when it follows on', () => {
    const { repo, sync } = setup();
    const parts = snapshotParts('s1', 20, 2);
    sync.onPage(parts[0]);
    expect(sync.onPage(deltaPage(20, 22, [vehicle(99, 22)])).kind).toBe('ignore');
    expect(sync.staging).toBe(true);
    expect(sync.onPage(parts[1])).toEqual({ kind: 'ack', version: 22, staged: false });
    expect(repo.vehicleByVin(aVin(99))).toBeDefined();
  });

  it('drops a held delta that the snapshot already covers', () => {
    const { repo, sync } = setup();
    const parts = snapshotParts('s1', 20, 2);
    sync.onPage(parts[0]);
    sync.onPage(deltaPage(12, 15, [vehicle(98, 15)]));
    expect(sync.onPage(parts[1])).toEqual({ kind: 'ack', version: 20, staged: false });
    expect(repo.vehicleByVin(aVin(98))).toBeUndefined();
  });
});

describe('WhitelistSync restarts', () => {
  it('part 1 of a snapshot it abandoned starts it over (a resend under the same id)', () => {
    const { repo, sync } = setup();
    const parts = snapshotParts('s1', 20, 3);
    sync.onPage(parts[0]);
    expect(sync.onPage(parts[2]).kind).toBe('request');
    expect(parts.map((p) => sync.onPage(p).kind)).toEqual(['ack', 'ack', 'ack']);
    expect(repo.version()).toBe(20);
  });
});
