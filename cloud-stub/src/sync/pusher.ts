// Whitelist pages down (contract "whitelist/page"): the pages that bring one pile from a version to
// its station's head, and the push of committed changes — a poll of the change-log head (every
// `pollMs`, which also folds the registry's dirty marks into the log) sends each online pile of a
// changed station the deltas after the version last sent to it. A reply of several pages (a snapshot)
// is streamed: each page waits for the broker to take the one before, and a newer reply to the same
// pile ends the older stream.
import type { SyncContext } from './sync-context.js';
import { envelope, pileStation } from './sync-context.js';
import { ackedVersion, onlinePiles } from './pile-links.js';

export class Pusher {
  /** Per pile: the version the last page sent to it brings it to (in memory; reset by hello/request). */
  private readonly sent = new Map<string, number>();
  private lastHead = 0;
  private readonly streams = new Map<string, { cancelled: boolean }>();

  constructor(
    private readonly ctx: SyncContext,
    private readonly onStationsChanged: (stations: number[]) => void,
  ) {}

  /** Sends the pages from `fromVersion` to the head; `re` = the request (hello / whitelist/request). */
  sendFrom(pileId: string, fromVersion: number, re?: string): void {
    const station = pileStation(this.ctx.db, pileId);
    if (station === undefined) return;
    const { texts, head, mode } = this.ctx.views.pageTextsSince(this.ctx.db, station, fromVersion);
    const message = (page: string) => {
      const e = envelope(this.ctx.clock);
      return `{"v":1,"id":"${e.id}","at":"${e.at}",${re ? `"re":${JSON.stringify(re)},` : ''}"page":${page}}`;
    };
    const previous = this.streams.get(pileId);
    if (previous) previous.cancelled = true;
    if (texts.length === 1) {
      this.streams.delete(pileId);
      this.ctx.sendText(pileId, 'whitelist/page', message(texts[0]));
    } else {
      const stream = { cancelled: false };
      this.streams.set(pileId, stream);
      void (async () => {
        for (const page of texts) {
          if (stream.cancelled) return;
          await this.ctx.sendTextAsync(pileId, 'whitelist/page', message(page));
        }
        if (this.streams.get(pileId) === stream) this.streams.delete(pileId);
      })().catch((e: Error) => this.ctx.log('warn', { pileId, err: e.message }, 'whitelist pages not all sent'));
    }
    this.sent.set(pileId, head);
    this.ctx.log('info', { pileId, fromVersion, head, mode, pages: texts.length }, 'whitelist pages sent');
  }

  /** The pile is gone: the next hello starts over. */
  forget(pileId: string): void {
    this.sent.delete(pileId);
  }

  knows(pileId: string): boolean {
    return this.sent.has(pileId);
  }

  /** One poll: fold pending registry changes into the log, push what changed. */
  poll(): void {
    const { db, views } = this.ctx;
    const head = views.logHead(db);
    if (head <= this.lastHead) return;
    const changed = views.stationsChangedSince(db, this.lastHead);
    this.lastHead = head;
    for (const { stationId, head: stationHead } of changed) {
      for (const pileId of onlinePiles(db, stationId)) {
        const from = this.sent.get(pileId) ?? ackedVersion(db, pileId);
        if (from < stationHead) this.sendFrom(pileId, from);
      }
    }
    if (changed.length) this.onStationsChanged(changed.map((c) => c.stationId));
  }

  /** Start from the current head (piles catch up through hello). */
  prime(): void {
    this.lastHead = this.ctx.views.logHead(this.ctx.db);
  }
}
