// The interface between the cloud's station views (view/, the ordered change log of what each
// station's piles hold) and the MQTT sync (sync/). Types only; implemented by view/station-pages.ts.
import type { WhitelistPage } from '../../../pile-agent/contract.js';
import type { Db } from '../persistence/sqlite/db.js';

export interface StationPages {
  /** `delta`: pages of changes after the pile's version; `snapshot`: the whole view in parts. */
  readonly mode: 'delta' | 'snapshot';
  /** The station's latest change-log version; the last page's toVersion. */
  readonly head: number;
  /** In order; never empty (an up-to-date pile gets one empty delta page head→head). */
  readonly pages: readonly WhitelistPage[];
}

/** The same pages as JSON texts, ready to splice into a `whitelist/page` message (what the sync sends). */
export interface StationPageTexts {
  readonly mode: 'delta' | 'snapshot';
  readonly head: number;
  readonly texts: readonly string[];
}

export interface StationViewApi {
  /** The latest change-log version of a station's view (0 when it has none). */
  stationHead(db: Db, stationId: number): number;
  /**
   * The pages that bring a pile holding `fromVersion` to the station's head: deltas when the log
   * still holds every change after `fromVersion`, else (new pile, too far behind, or a version
   * the cloud never issued) a snapshot in parts. `pageSize` changes per page (default 1000).
   */
  pagesSince(db: Db, stationId: number, fromVersion: number, opts?: { pageSize?: number }): StationPages;
  /** pagesSince as JSON texts (no parse / re-serialise of the stored rows). */
  pageTextsSince(db: Db, stationId: number, fromVersion: number, opts?: { pageSize?: number }): StationPageTexts;
  /** The global change-log head (the sync polls it to push committed changes). */
  logHead(db: Db): number;
  /** Stations whose view changed after global version `since` (for pushing), with their head. */
  stationsChangedSince(db: Db, since: number): { stationId: number; head: number }[];
}
