// The pile's half of "whitelist/page" (contract page): a delta is applied in one transaction or not
// at all; a gap or a malformed page asks for the changes again; snapshot parts are kept until the last
// one arrives, then applied as one snapshot, so the old cache decides until the new one is whole. Each
// applied (or staged) page is acknowledged. Pure logic over the whitelist repository.
import type { WhitelistRepo } from '../authorization/whitelist.repo.js';
import type { Logger } from '../../shared/logger.js';

export type PageOutcome =
  | { readonly kind: 'ack'; readonly version: number; readonly staged: boolean }
  | { readonly kind: 'request'; readonly fromVersion: number; readonly reason: 'gap' | 'malformed' | 'storage'; readonly detail: string };

interface Staged {
  readonly snapshotId: string;
  readonly parts: number;
  readonly changes: unknown[];
  next: number;
}

export class WhitelistSync {
  private staged: Staged | null = null;
  lastPageAt: string | null = null;

  constructor(private readonly repo: WhitelistRepo, private readonly log: Logger, private readonly now: () => string) {}

  onPage(page: unknown): PageOutcome {
    const p = page as { kind?: unknown; snapshotId?: unknown; part?: unknown; parts?: unknown; changes?: unknown; toVersion?: unknown };
    if (p && p.kind === 'snapshot' && typeof p.snapshotId === 'string' && typeof p.part === 'number' && typeof p.parts === 'number' && p.parts > 1 && Array.isArray(p.changes)) {
      return this.part(p as { snapshotId: string; part: number; parts: number; changes: unknown[]; toVersion: unknown });
    }
    this.staged = null;
    return this.apply(page);
  }

  private part(p: { snapshotId: string; part: number; parts: number; changes: unknown[]; toVersion: unknown }): PageOutcome {
    if (p.part === 1) this.staged = { snapshotId: p.snapshotId, parts: p.parts, changes: [], next: 1 };
    const s = this.staged;
    if (!s || s.snapshotId !== p.snapshotId || s.next !== p.part || s.parts !== p.parts) {
      this.staged = null;
      return { kind: 'request', fromVersion: this.repo.version(), reason: 'gap', detail: `snapshot part ${p.part}/${p.parts} out of order` };
    }
    for (const c of p.changes) s.changes.push(c);
    s.next++;
    if (p.part < p.parts) return { kind: 'ack', version: this.repo.version(), staged: true };
    this.staged = null;
    return this.apply({ kind: 'snapshot', toVersion: p.toVersion, changes: s.changes });
  }

  private apply(page: unknown): PageOutcome {
    const r = this.repo.applyPage(page);
    if (r.ok) {
      this.lastPageAt = this.now();
      return { kind: 'ack', version: r.value.version, staged: false };
    }
    const e = r.error;
    const fromVersion = this.repo.version();
    if (e.reason === 'version-gap') return { kind: 'request', fromVersion, reason: 'gap', detail: `holding ${e.storedVersion}, page from ${e.fromVersion}` };
    if (e.reason === 'malformed') return { kind: 'request', fromVersion, reason: 'malformed', detail: `change ${e.changeIndex}: ${e.message}`.slice(0, 500) };
    this.log.error({ err: e.message }, 'whitelist page could not be stored');
    return { kind: 'request', fromVersion, reason: 'storage', detail: e.message.slice(0, 500) };
  }
}
