// What every route plugin receives: the database, the clock, the login throttle, the business
// UTC offset, and the sync's faces the pile routes use (station view heads, the command issuer, the
// revocation hook); plus the request's authenticated Actor (set by the auth hook in server.ts).
import type { FastifyRequest } from 'fastify';
import type { Db } from '../persistence/sqlite/db.js';
import type { CloudClock } from '../shared/clock.js';
import type { LoginThrottle } from '../domain/accounts/login-throttle.js';
import type { AuthLog } from '../domain/accounts/login.service.js';
import type { AccountsRepo } from '../domain/accounts/accounts.repo.js';
import type { ReportsRepo } from '../domain/reports/reports.repo.js';
import type { SessionsRepo } from '../domain/sessions/sessions.repo.js';
import type { RefusalsRepo } from '../domain/refusals/refusals.repo.js';
import type { LedgerRepo } from '../domain/ledger/ledger.repo.js';
import type { Actor } from '../domain/access/actor.js';
import type { StationViewApi } from '../view/index.js';
import type { CommandIssuer } from '../domain/piles/command-issuer.port.js';
import { CloudError } from '../shared/cloud-error.js';

export interface ApiDeps {
  db: Db;
  /** Login accounts and their tokens (the first services on the store port: SQLite or PostgreSQL). */
  accounts: AccountsRepo;
  /** What the reports read. */
  reports: ReportsRepo;
  /** What listing sessions reads. */
  sessions: SessionsRepo;
  /** What the refusal and unknown-VIN lists read. */
  refusals: RefusalsRepo;
  /** Top-ups, corrections and the ledger's listings. */
  ledger: LedgerRepo;
  clock: CloudClock;
  throttle: LoginThrottle;
  utcOffsetMinutes: number;
  /** The station views' change-log heads (GET /piles: `stationVersion`). */
  views: Pick<StationViewApi, 'stationHead'>;
  /** Sends commands to piles (POST /piles/{pileId}/commands). */
  commands: CommandIssuer;
  /** Logins (refused and accepted), password changes, accounts disabled or deleted; default silent. */
  authLog?: AuthLog;
  /** Called after a pile's deletion or secret rotation has committed (the broker disconnects it). */
  onPileRevoked?: (pileId: string) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** true for routes that need no bearer token (login, the OpenAPI document). */
    public?: boolean;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new CloudError('unauthenticated', 'unauthenticated', 'a bearer token from POST /api/v1/login is required');
  return req.actor;
}

export const nowIso = (deps: ApiDeps): string => new Date(deps.clock.now()).toISOString();
