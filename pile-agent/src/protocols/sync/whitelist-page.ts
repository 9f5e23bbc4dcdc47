// A page of whitelist changes as the cloud sends it (contract page
// `docs/mqtt-contract.md` "whitelist/page"): the row schema of every entity of a station's view, the
// page types and their complete validation. A page is checked whole before anything is applied, so a
// repository can apply it atomically; the version-gap check needs the stored version and is the
// repository's. Pure: zod only.
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result.js';
import { VIN_PATTERN } from '../gbt27930/vin.js';
import { CARD_NO_PATTERN, idSchema, secretHashSchema } from './wire-rules.js';

export type WhitelistEntity = 'department' | 'vehicle' | 'card' | 'fixed-password' | 'station';
export const WHITELIST_ENTITIES: readonly WhitelistEntity[] = ['department', 'vehicle', 'card', 'fixed-password', 'station'];

const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const name = z.string().min(1).max(128);
const fen = z.number().int().min(0).max(100_000);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM local time');

/** The rows as sent: the cache entry without its version (the change's version is stored). */
export const whitelistRowSchemas = {
  /** A department bound to this station: VIN-only switch, can its pool pay (above its floor), stop password. */
  department: z.strictObject({
    id: idSchema,
    parentId: idSchema.nullable(),
    name,
    vinOnly: z.boolean(),
    canPay: z.boolean(),
    boundHere: z.boolean(),
    stopPasswordHash: secretHashSchema.nullable(),
    stopPasswordVersion: version,
    offlineAllowed: z.boolean(),
  }),
  /** A vehicle of a bound department. */
  vehicle: z.strictObject({
    vin: z.string().regex(VIN_PATTERN, 'VIN: 17 characters 0-9 A-Z without I O Q'),
    plate: z.string().min(1).max(32),
    departmentId: idSchema.nullable(),
  }),
  /** A card of a bound department's member, or of the station administrator. */
  card: z.strictObject({
    cardNo: z.string().regex(CARD_NO_PATTERN, 'card number: 4–32 of 0-9 A-Z'),
    memberId: idSchema,
    memberName: name,
    memberKind: z.enum(['virtual', 'real']),
    departmentId: idSchema.nullable(),
    stationAdmin: z.boolean(),
    memberCanPay: z.boolean(),
    offlineAllowed: z.boolean(),
  }),
  /** One valid hash of the station's fixed password and the member who pays (the administrator). */
  'fixed-password': z.strictObject({ id: idSchema, hash: secretHashSchema, memberId: idSchema, memberName: name, memberCanPay: z.boolean() }),
  /** The station itself: its name and tariff (for the cost shown while charging). Key: the station id. */
  station: z.strictObject({
    id: idSchema,
    name,
    tariff: z.strictObject({
      fenPerKwh: fen,
      periods: z.array(z.strictObject({ name: z.string().min(1).max(8), start: hhmm, end: hhmm, fenPerKwh: fen })).max(48),
    }),
  }),
};

export type WhitelistRowOf = { [E in WhitelistEntity]: z.infer<(typeof whitelistRowSchemas)[E]> };
export type StationRow = WhitelistRowOf['station'];
export type StationTariff = StationRow['tariff'];

const rowKey: { [E in WhitelistEntity]: (row: WhitelistRowOf[E]) => string } = {
  department: (r) => r.id,
  vehicle: (r) => r.vin,
  card: (r) => r.cardNo,
  'fixed-password': (r) => r.id,
  station: (r) => r.id,
};

/** The key of a row (department/fixed-password/station `id`, vehicle `vin`, card `cardNo`). */
export const keyOfRow = <E extends WhitelistEntity>(entity: E, row: WhitelistRowOf[E]): string => (rowKey[entity] as (r: WhitelistRowOf[E]) => string)(row);

/**
 * One change of the cloud's change log. `key` is the entity's key and must equal the row's key on an
 * upsert. `version` is the change-log version, with fromVersion < version ≤ toVersion, not
 * decreasing along the page.
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

/**
 * The whole view at `toVersion` (upserts only): replaces everything, whatever the stored version.
 * A large view comes in `parts` pages sharing one `snapshotId` (part 1…parts, in order); the pile
 * keeps deciding from its old cache until the last part has arrived, then swaps in one transaction.
 * Absent `snapshotId`/`part`/`parts`: a snapshot of one page (also the commissioning file format).
 */
export interface WhitelistSnapshotPage {
  readonly kind: 'snapshot';
  readonly toVersion: number;
  readonly snapshotId?: string;
  readonly part?: number;
  readonly parts?: number;
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
  /** For a snapshot part before the last: staged, not yet deciding. */
  readonly staged?: boolean;
}

const header = z.strictObject({
  entity: z.enum(['department', 'vehicle', 'card', 'fixed-password', 'station']),
  op: z.enum(['upsert', 'delete']),
  key: z.string().min(1).max(64),
  version,
  row: z.unknown().optional(),
});

const pageHeader = z.strictObject({
  kind: z.enum(['delta', 'snapshot']),
  fromVersion: version.optional(),
  toVersion: version,
  snapshotId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
    .optional(),
  part: z.number().int().min(1).max(100_000).optional(),
  parts: z.number().int().min(1).max(100_000).optional(),
  changes: z.array(z.unknown()).max(1_000_000), // a combined snapshot of a large station view (one MQTT page stays ≤ 1 MiB)
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
  const r = whitelistRowSchemas[entity].safeParse(h.data.row);
  if (!r.success) return malformed(index, `row.${describe(r.error)}`);
  const rowK = (rowKey[entity] as (row: unknown) => string)(r.data);
  if (rowK !== key) return malformed(index, `key ${JSON.stringify(key)} differs from the row's ${JSON.stringify(rowK)}`);
  return ok({ entity, op, key, version: v, row: r.data } as WhitelistChange);
}

function snapshotParts(p: z.infer<typeof pageHeader>): Result<Pick<WhitelistSnapshotPage, 'snapshotId' | 'part' | 'parts'>, PageRejection> {
  const given = [p.snapshotId, p.part, p.parts].filter((x) => x !== undefined).length;
  if (given === 0) return ok({});
  if (p.kind !== 'snapshot') return malformed(null, 'snapshotId, part and parts belong to snapshot pages only');
  if (given !== 3) return malformed(null, 'snapshotId, part and parts come together');
  if (p.part! > p.parts!) return malformed(null, `part ${p.part} > parts ${p.parts}`);
  return ok({ snapshotId: p.snapshotId, part: p.part, parts: p.parts });
}

/**
 * Validates a page received from outside (MQTT payload already JSON-parsed, or a commissioning
 * file): shape, every row, keys, versions. Returns the typed page or the first problem with the
 * index of the change.
 */
export function parseWhitelistPage(input: unknown): Result<WhitelistPage, PageRejection> {
  const p = pageHeader.safeParse(input);
  if (!p.success) return malformed(null, describe(p.error));
  const { kind, fromVersion, toVersion } = p.data;
  if (kind === 'delta' && fromVersion === undefined) return malformed(null, 'fromVersion: required on a delta page');
  if (kind === 'delta' && toVersion < fromVersion!) return malformed(null, `toVersion ${toVersion} < fromVersion ${fromVersion}`);
  const parts = snapshotParts(p.data);
  if (!parts.ok) return parts;
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
  return ok(kind === 'delta' ? { kind, fromVersion: fromVersion!, toVersion, changes } : { kind, toVersion, ...parts.value, changes });
}
