// Test-data builders for the whitelist (house rule R13): rows valid by default, overriding only
// what a test is about; change and page builders; VINs with a correct check digit. Used by tests,
// benches and simulations (exported through pile-agent/testing.ts), never by the agent at run time.
import { vinCheckDigit } from '../../protocols/gbt27930/vin.js';
import type { WhitelistChange, WhitelistDeltaPage, WhitelistEntity, WhitelistRowOf, WhitelistSnapshotPage } from './whitelist-page.js';

/** A syntactically valid scrypt hash string that no password matches (for rows whose hash is not verified). */
export const PLACEHOLDER_HASH = `scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=`;

/** A valid VIN (check digit correct) unique for each n in 0..999999: `LZYTBGBW?LA` + 6 digits. */
export function aVin(n: number): string {
  const body = `LZYTBGBW0LA${String(n).padStart(6, '0')}`;
  return body.slice(0, 8) + vinCheckDigit(body) + body.slice(9);
}

/** The same VIN with a wrong check digit. */
export function withBadCheckDigit(vin: string): string {
  const wrong = vin[8] === '0' ? '1' : '0';
  return vin.slice(0, 8) + wrong + vin.slice(9);
}

export function aDepartment(o: Partial<WhitelistRowOf['department']> = {}): WhitelistRowOf['department'] {
  return {
    id: 'D1',
    parentId: null,
    name: '公交一公司',
    vinOnly: false,
    canPay: true,
    boundHere: true,
    stopPasswordHash: null,
    stopPasswordVersion: 0,
    offlineAllowed: true,
    ...o,
  };
}

export function aVehicle(o: Partial<WhitelistRowOf['vehicle']> = {}): WhitelistRowOf['vehicle'] {
  return { vin: aVin(1), plate: '沪A32567', departmentId: 'D1', ...o };
}

export function aCard(o: Partial<WhitelistRowOf['card']> = {}): WhitelistRowOf['card'] {
  return {
    cardNo: '04A1B2C3',
    memberId: 'M1',
    memberName: '沪A32567',
    memberKind: 'real',
    departmentId: 'D1',
    stationAdmin: false,
    memberCanPay: true,
    offlineAllowed: true,
    ...o,
  };
}

export function aFixedPassword(o: Partial<WhitelistRowOf['fixed-password']> = {}): WhitelistRowOf['fixed-password'] {
  return { id: 'FP1', hash: PLACEHOLDER_HASH, memberId: 'M-ADMIN', memberName: '站点通卡A', memberCanPay: true, ...o };
}

const keyOf = (entity: WhitelistEntity, row: Record<string, unknown>): string => String(entity === 'vehicle' ? row.vin : entity === 'card' ? row.cardNo : row.id);

export function upsert<E extends WhitelistEntity>(entity: E, row: WhitelistRowOf[E], version: number): WhitelistChange {
  return { entity, op: 'upsert', key: keyOf(entity, row as Record<string, unknown>), version, row } as WhitelistChange;
}

export function remove(entity: WhitelistEntity, key: string, version: number): WhitelistChange {
  return { entity, op: 'delete', key, version };
}

export function deltaPage(fromVersion: number, toVersion: number, changes: readonly WhitelistChange[]): WhitelistDeltaPage {
  return { kind: 'delta', fromVersion, toVersion, changes };
}

/** A snapshot at `toVersion` of the given rows, every row at that version. */
export function snapshotPage(
  toVersion: number,
  rows: { departments?: WhitelistRowOf['department'][]; vehicles?: WhitelistRowOf['vehicle'][]; cards?: WhitelistRowOf['card'][]; fixedPasswords?: WhitelistRowOf['fixed-password'][] },
): WhitelistSnapshotPage {
  const changes: WhitelistChange[] = [
    ...(rows.departments ?? []).map((r) => upsert('department', r, toVersion)),
    ...(rows.vehicles ?? []).map((r) => upsert('vehicle', r, toVersion)),
    ...(rows.cards ?? []).map((r) => upsert('card', r, toVersion)),
    ...(rows.fixedPasswords ?? []).map((r) => upsert('fixed-password', r, toVersion)),
  ];
  return { kind: 'snapshot', toVersion, changes };
}

/** A row as the repository returns it (with the version it was stored at). */
export function asEntry<T extends object>(row: T, version = 1): T & { readonly version: number } {
  return { ...row, version };
}
