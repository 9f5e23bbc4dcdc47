// `sync` and `sync now`: the cloud link as the pile's sync service sees it (link state, broker,
// whitelist version held, last page, outbox depth and the age of the oldest unsent event, last
// acknowledgement), and a forced resync. Without a sync service: "cloud link not configured".
import { done, failed } from '../registry.js';
import { formatDuration } from '../format.js';
import type { ConsoleCommand } from '../console-io.js';

const NOT_CONFIGURED = 'cloud link not configured';

/** `2026-01-01T07:58:00Z (2m ago)`, or `never` / `-`. */
function when(iso: string | null, nowMs: number, none: string): string {
  if (iso === null) return none;
  const age = nowMs - Date.parse(iso);
  return Number.isFinite(age) ? `${iso} (${formatDuration(Math.max(0, age))} ago)` : iso;
}

export const syncCommand: ConsoleCommand = {
  name: 'sync',
  help: 'cloud link state, broker, whitelist version, last page, outbox depth and oldest unsent event, last ack',
  handler(_args, ctx, io) {
    if (!ctx.sync) return done([NOT_CONFIGURED], { configured: false });
    const s = ctx.sync.status();
    const now = io.now();
    const oldestAgeMs = s.oldestUnsentAt === null ? null : Math.max(0, now - Date.parse(s.oldestUnsentAt));
    const outbox = s.outboxDepth === 0 && s.oldestUnsentAt === null ? 'outbox: empty' : `outbox: ${s.outboxDepth} unsent, oldest ${when(s.oldestUnsentAt, now, '-')}`;
    return done(
      [
        `link: ${s.link}`,
        `broker: ${s.brokerUrl ?? '-'}`,
        `whitelist version: ${s.whitelistVersion}`,
        `last page: ${when(s.lastPageAt, now, 'never')}`,
        outbox,
        `last ack: ${when(s.lastAckAt, now, 'never')}`,
      ],
      { configured: true, ...s, oldestUnsentAgeMs: oldestAgeMs },
    );
  },
};

export const syncNowCommand: ConsoleCommand = {
  name: 'sync now',
  help: 'ask the cloud for every whitelist change since the cached version now',
  handler(_args, ctx) {
    if (!ctx.sync) return failed(NOT_CONFIGURED, { configured: false });
    const before = ctx.sync.status();
    ctx.sync.syncNow();
    const tail = before.link === 'online' ? '' : ` (link is ${before.link}: it runs once the link is up)`;
    return done([`sync requested from whitelist version ${before.whitelistVersion}${tail}`], { requested: true, fromVersion: before.whitelistVersion, link: before.link });
  },
};
