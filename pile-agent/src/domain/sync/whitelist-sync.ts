// The pile's half of "whitelist/page" (contract page): a delta is applied in one transaction or not
// at all; a gap or a malformed page asks for the changes again; snapshot parts are kept until the last
// one arrives, then applied as one snapshot, so the old cache decides until the new one is whole.
// Redelivered parts (QoS 1 may deliver twice) are ignored, the rest of a snapshot that broke off is
// ignored too (its replacement starts at part 1 under a new id), and a delta that arrives while a
// snapshot is staged waits for it: none of these asks again, so one duplicate cannot set off a storm.
// Each applied (or staged) page is acknowledged. Pure logic over the whitelist repository.
import type { WhitelistRepo } from '../authorization/whitelist.repo.js';
import type { Logger } from '../../shared/logger.js';

export type PageOutcome =
  | { readonly kind: 'ack'; readonly version: number; readonly staged: boolean }
  | { readonly kind: 'ignore'; readonly detail: string }
  | { readonly kind: 'request'; readonly fromVersion: number; readonly reason: 'gap' | 'malformed' | 'storage'; readonly detail: string };

interface Staged {
  readonly snapshotId: string;
  readonly parts: number;
  readonly changes: unknown[];
  next: number;
}

interface Part {
  readonly snapshotId: string;
  readonly part: number;
  readonly parts: number;
  readonly changes: unknown[];
  readonly toVersion: unknown;
}

/** Deltas held while a snapshot is staged (applied after it when they follow on). */
const MAX_HELD_DELTAS = 16;

export class WhitelistSync {
  private staged: Staged | null = null;
  private readonly abandoned = new Set<string>();
  private held: unknown[] = [];
  lastPageAt: string | null = null;

  constructor(
    private readonly repo: WhitelistRepo,
    private readonly log: Logger,
    private readonly now: () => string,
  ) {}

  /** True while snapshot parts are being collected. */
  get staging(): boolean {
    return this.staged !== null;
  }

  onPage(page: unknown): PageOutcome {
    const p = page as { kind?: unknown; snapshotId?: unknown; part?: unknown; parts?: unknown; changes?: unknown };
    if (p && p.kind === 'snapshot' && typeof p.snapshotId === 'string' && typeof p.part === 'number' && typeof p.parts === 'number' && p.parts > 1 && Array.isArray(p.changes)) {
      return this.part(p as Part);
    }
    if (this.staged && p && p.kind === 'delta') {
      if (this.held.length >= MAX_HELD_DELTAS) this.held.shift();
      this.held.push(page);
      return { kind: 'ignore', detail: 'delta held until the staged snapshot is whole' };
    }
    this.staged = null;
    return this.apply(page);
  }

  private part(p: Part): PageOutcome {
    const s = this.staged;
    if (s && s.snapshotId === p.snapshotId && p.part < s.next) return { kind: 'ignore', detail: `snapshot part ${p.part}/${p.parts} again` };
    if (this.abandoned.has(p.snapshotId) && p.part !== 1) return { kind: 'ignore', detail: `snapshot ${p.snapshotId} was abandoned` };
    if (p.part === 1) {
      this.abandoned.delete(p.snapshotId);
      if (s) this.abandon(s.snapshotId);
      this.staged = { snapshotId: p.snapshotId, parts: p.parts, changes: [], next: 1 };
      this.held = [];
    }
    const cur = this.staged;
    if (!cur || cur.snapshotId !== p.snapshotId || cur.next !== p.part || cur.parts !== p.parts) {
      this.abandon(p.snapshotId);
      if (cur) this.abandon(cur.snapshotId);
      this.staged = null;
      return { kind: 'request', fromVersion: this.repo.version(), reason: 'gap', detail: `snapshot part ${p.part}/${p.parts} out of order` };
    }
    for (const c of p.changes) cur.changes.push(c);
    cur.next++;
    if (p.part < p.parts) return { kind: 'ack', version: this.repo.version(), staged: true };
    this.staged = null;
    const out = this.apply({ kind: 'snapshot', toVersion: p.toVersion, changes: cur.changes });
    return out.kind === 'ack' ? this.applyHeld(out) : out;
  }

  /** Deltas that arrived during the snapshot: those that follow on are applied; older ones are dropped. */
  private applyHeld(after: PageOutcome & { kind: 'ack' }): PageOutcome {
    let out: PageOutcome = after;
    for (const d of this.held) {
      const from = (d as { fromVersion?: unknown }).fromVersion;
      if (typeof from === 'number' && from < this.repo.version()) continue;
      const r = this.apply(d);
      if (r.kind !== 'ack') return r;
      out = r;
    }
    this.held = [];
    return out;
  }

  private abandon(snapshotId: string): void {
    this.abandoned.add(snapshotId);
    if (this.abandoned.size > 8) this.abandoned.delete(this.abandoned.values().next().value as string);
  }

  private apply(page: unknown): PageOutcome {
    const r = this.repo.applyPage(page);
    if (r.ok) {
      this.lastPageAt = this.now();
      return { kind: 'ack', version: r.value.version, staged: false };
    }
    const e = r.error;
    const fromVersion = this.repo.version();
    if (e.reason === 'version-gap') {
      const from = (page as { fromVersion?: unknown }).fromVersion;
      // A delta we already hold (redelivered, or overtaken by a snapshot) changes nothing: no resync.
      if (typeof from === 'number' && typeof (page as { toVersion?: unknown }).toVersion === 'number' && (page as { toVersion: number }).toVersion <= fromVersion) {
        return { kind: 'ignore', detail: `delta to ${(page as { toVersion: number }).toVersion} already held (at ${fromVersion})` };
      }
      return { kind: 'request', fromVersion, reason: 'gap', detail: `holding ${e.storedVersion}, page from ${e.fromVersion}` };
    }
    if (e.reason === 'malformed') return { kind: 'request', fromVersion, reason: 'malformed', detail: `change ${e.changeIndex}: ${e.message}`.slice(0, 500) };
    this.log.error({ err: e.message }, 'whitelist page could not be stored');
    return { kind: 'request', fromVersion, reason: 'storage', detail: e.message.slice(0, 500) };
  }
}
