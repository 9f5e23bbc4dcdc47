// What the pile's sync tells the technician console and the screen (issue 8 item 5), and the one
// control they have over it. Implemented by the sync service (domain/sync/); read by the console's
// `sync` command and the screen's offline badge. Types only.
import type { CloudLinkState } from '../../ports/cloud-link.port.js';

export interface SyncStatus {
  /** The MQTT link: `disabled` without a configured cloud. */
  readonly link: CloudLinkState;
  /** The broker URL (no credentials), or null when disabled. */
  readonly brokerUrl: string | null;
  /** The change-log version the whitelist cache holds. */
  readonly whitelistVersion: number;
  /** When the last page was applied (ISO 8601 UTC), or null. */
  readonly lastPageAt: string | null;
  /** Outbox records not yet acknowledged by the cloud. */
  readonly outboxDepth: number;
  /** When the oldest unacknowledged record was written (ISO 8601 UTC), or null when the outbox is empty. */
  readonly oldestUnsentAt: string | null;
  /** When the cloud last acknowledged session events (ISO 8601 UTC), or null. */
  readonly lastAckAt: string | null;
}

export interface SyncControl {
  status(): SyncStatus;
  /** Asks the cloud for every change since the cached version now (console `sync now`, command `sync`). */
  syncNow(): void;
  /** The digest of the whitelist cache (contract page "Checking a pile's cache"): compare with the cloud's. */
  whitelistDigest?(): string;
}
