// A page of whitelist changes as the cloud sends it (DESIGN.md "Whitelist sync"), and its complete
// validation. A page is checked whole before anything is applied, so a repository can apply it
// atomically; the version-gap check needs the stored version and is the repository's. Pure.
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result.js';
import { isSecretHash } from '../../shared/secret-hash.js';
import { VIN_PATTERN } from '../../protocols/gbt27930/vin.js';
import type { CardEntry, DepartmentEntry, FixedPasswordEntry, VehicleEntry } from './whitelist.types.js';

export type WhitelistEntity = 'department' | 'vehicle' | 'card' | 'fixed-password';
export const WHITELIST_ENTITIES: readonly WhitelistEntity[] = ['department', 'vehicle', 'card', 'fixed-password'];

/** The row of each entity as sent: the entry without its version (the change's version is stored). */
export interface WhitelistRowOf {
  department: Omit<DepartmentEntry, 'version'>;
  vehicle: Omit<VehicleEntry, 'version'>;
  card: Omit<CardEntry, 'version'>;
  'fixed-password': Omit<FixedPasswordEntry, 'version'>;
}

/**
 * One change of the cloud's change log. `key` is the entity's key (department `id`, vehicle `vin`,
 * card `cardNo`, fixed-password `id`) and must equal the row's key on an upsert. `version` is the
 * change-log version, with fromVersion < version ≤ toVersion, not decreasing along the page.
 */
export type WhitelistChange = {
  [E in WhitelistEntity]:
    | { readonly entity: E; readonly op: 'upsert'; readonly key: string; readonly version: number; readonly row: WhitelistRowOf[E] }
    | { readonly entity: E; readonly op: 'delete'; readonly key: string; readonly version: number };
}[WhitelistEntity];

/**
 * Changes since `fromVersion` (the version the pile holds) up to `toVersion`. The cloud filters its
 * log to what this station needs, so versions may skip and a page may be empty yet advance the version.
 */
export interface WhitelistDeltaPage {
  readonly kind: 'delta';
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly changes: readonly WhitelistChange[];
}

/** The whole cache at `toVersion` (upserts only): replaces everything, whatever the stored version. */
export interface WhitelistSnapshotPage {
  readonly kind: 'snapshot';
  readonly toVersion: number;
  readonly changes: readonly WhitelistChange[];
}

export type WhitelistPage = WhitelistDeltaPage | WhitelistSnapshotPage;

/**
 * Why a page was not applied (nothing of it was). `version-gap`: the caller resyncs from
 * `storedVersion`. `malformed`: the cloud sent something invalid (log, resync). `storage-error`: the
 * database failed (disk full, I/O); the caller raises the `storage.error` fault and retries later.
 */
export type PageRejection =
  | { readonly reason: 'version-gap'; readonly storedVersion: number; readonly fromVersion: number }
  | { readonly reason: 'malformed'; readonly changeIndex: number | null; readonly message: string }
  | { readonly reason: 'storage-error'; readonly message: string };

export interface PageApplied {
  readonly version: number;
  readonly applied: number;
}

const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const id = z.string().min(1).max(64).regex(/^\S(.*\S)?$/, 'no leading or trailing spaces');
const name = z.string().min(1).max(128);
const hash = z.string().refine(isSecretHash, 'not a scrypt hash string (scrypt$N$r$p$salt$key)');
export const CARD_NO_PATTERN = /^[0-9A-Z]{1,40}$/;

const rowSchemas = {
  department: z.strictObject({
    id, parentId: id.nullable(), name, vinOnly: z.boolean(), canPay: z.boolean(), boundHere: z.boolean(),
    stopPasswordHash: hash.nullable(), stopPasswordVersion: version, offlineAllowed: z.boolean(),
  }),
  vehicle: z.strictObject({
    vin: z.string().regex(VIN_PATTERN, 'VIN: 17 characters 0-9 A-Z without I O Q'),
    plate: z.string().min(1).max(32), departmentId: id.nullable(),
  }),
  card: z.strictObject({
    cardNo: z.string().regex(CARD_NO_PATTERN, 'card number: 1-40 upper-case letters or digits'),
    memberId: id, memberName: name, memberKind: z.enum(['virtual', 'real']), departmentId: id.nullable(),
    stationAdmin: z.boolean(), memberCanPay: z.boolean(), offlineAllowed: z.boolean(),
  }),
  'fixed-password': z.strictObject({ id, hash, memberId: id, memberName: name, memberCanPay: z.boolean() }),
} satisfies { [E in WhitelistEntity]: z.ZodType<WhitelistRowOf[E]> };

const rowKey: { [E in WhitelistEntity]: (row: WhitelistRowOf[E]) => string } = {
  department: (r) => r.id,
  vehicle: (r) => r.vin,
  card: (r) => r.cardNo,
  'fixed-password': (r) => r.id,
};

const header = z.strictObject({
  entity: z.enum(['department', 'vehicle', 'card', 'fixed-password']),
  op: z.enum(['upsert', 'delete']),
  key: z.string().min(1).max(64),
  version,
  row: z.unknown().optional(),
});

const pageHeader = z.strictObject({
  kind: z.enum(['delta', 'snapshot']),
  fromVersion: version.optional(),
  toVersion: version,
  changes: z.array(z.unknown()),
});

const malformed = (changeIndex: number | null, message: string) => err<PageRejection>({ reason: 'malformed', changeIndex, message });
const describe = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

function parseChange(input: unknown, index: number, floor: number, toVersion: number, snapshot: boolean): Result<WhitelistChange, PageRejection> {
  const h = header.safeParse(input);
  if (!h.success) return malformed(index, describe(h.error));
  const { entity, op, key, version: v } = h.data;
  if (v <= floor || v > toVersion) return malformed(index, `version ${v} outside (${floor}, ${toVersion}]`);
  if (op === 'delete') {
    if (snapshot) return malformed(index, 'a snapshot holds upserts only');
    if (h.data.row !== undefined) return malformed(index, 'a delete carries no row');
    return ok({ entity, op, key, version: v });
  }
  const r = rowSchemas[entity].safeParse(h.data.row);
  if (!r.success) return malformed(index, `row.${describe(r.error)}`);
  const rowK = (rowKey[entity] as (row: unknown) => string)(r.data);
  if (rowK !== key) return malformed(index, `key ${JSON.stringify(key)} differs from the row's ${JSON.stringify(rowK)}`);
  return ok({ entity, op, key, version: v, row: r.data } as WhitelistChange);
}

/**
 * Validates a page received from outside (MQTT payload already JSON-parsed): shape, every row,
 * keys, versions. Returns the typed page or the first problem with the index of the change.
 */
export function parseWhitelistPage(input: unknown): Result<WhitelistPage, PageRejection> {
  const p = pageHeader.safeParse(input);
  if (!p.success) return malformed(null, describe(p.error));
  const { kind, fromVersion, toVersion } = p.data;
  if (kind === 'delta' && fromVersion === undefined) return malformed(null, 'fromVersion: required on a delta page');
  if (kind === 'delta' && toVersion < fromVersion!) return malformed(null, `toVersion ${toVersion} < fromVersion ${fromVersion}`);
  const floor = kind === 'delta' ? fromVersion! : -1;
  const changes: WhitelistChange[] = [];
  let previous = floor;
  for (let i = 0; i < p.data.changes.length; i++) {
    const c = parseChange(p.data.changes[i], i, floor, toVersion, kind === 'snapshot');
    if (!c.ok) return c;
    if (c.value.version < previous) return malformed(i, `version ${c.value.version} after ${previous}: changes must be in log order`);
    previous = c.value.version;
    changes.push(c.value);
  }
  return ok(kind === 'delta' ? { kind, fromVersion: fromVersion!, toVersion, changes } : { kind, toVersion, changes });
}
