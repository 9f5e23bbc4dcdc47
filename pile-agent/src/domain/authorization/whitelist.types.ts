// The rows of the pile's whitelist cache: what this station needs from the cloud's registry
// (docs/charging-modes.md vocabulary), each carrying the change-log version it came from. Types only; the
// validation of incoming rows is in whitelist-page.ts, storage in the repositories.

/** A department (企业部门): a company or fleet node of the tree, as this station sees it. */
export interface DepartmentEntry {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  /** 是否开启仅vin授权车辆允许充电: its non-admin cards start mode 3 instead of mode 2 (rule 1). */
  readonly vinOnly: boolean;
  /** The cloud's verdict on the fund pool (above its floor); rule 3. */
  readonly canPay: boolean;
  /** Bound to this pile's station (绑定站点), as resolved by the cloud; rule 2. */
  readonly boundHere: boolean;
  /** Mode 4 stop password (部门密码), scrypt hash (shared/secret-hash.ts), or null when none is set. */
  readonly stopPasswordHash: string | null;
  /** Increments on every change of the stop password; snapshotted into a mode 4 session at start. */
  readonly stopPasswordVersion: number;
  /** Per-entry offline policy: its cards and vehicles may start sessions while the cloud is unreachable. */
  readonly offlineAllowed: boolean;
  /** Change-log version of the change that wrote this row. */
  readonly version: number;
}

/** A registered vehicle (车辆): VIN, plate and department. */
export interface VehicleEntry {
  /** 17 characters of the VIN alphabet, upper case (vin.ts VIN_PATTERN). */
  readonly vin: string;
  readonly plate: string;
  /** null: registered but not (yet) assigned to a company or fleet. */
  readonly departmentId: string | null;
  readonly version: number;
}

export type MemberKind = 'virtual' | 'real';

/** A charging card (充电卡) and the member (会员) it is bound to. */
export interface CardEntry {
  /** Canonical card number: upper-case letters and digits, no separators (the card reader's form). */
  readonly cardNo: string;
  readonly memberId: string;
  readonly memberName: string;
  readonly memberKind: MemberKind;
  /** The member's department, or null for a member outside any department. */
  readonly departmentId: string | null;
  /** The member is this station's administrator (管理员): the card starts mode 1 (rule 1). */
  readonly stationAdmin: boolean;
  /** The member's own balance can pay: used only in mode 1, where the member pays. */
  readonly memberCanPay: boolean;
  /** Per-entry offline policy for mode 1 (modes 2/3 follow the department's flag). */
  readonly offlineAllowed: boolean;
  readonly version: number;
}

/**
 * One valid hash of this station's fixed password (固定密码, mode 1). Several rows may be valid at
 * once: during a change the cloud upserts the new password, and deletes the old row when the change
 * is complete, so a pile that has not yet seen the deletion accepts both for that short window.
 */
export interface FixedPasswordEntry {
  readonly id: string;
  readonly hash: string;
  /** The member who pays for sessions started with this password (the station administrator). */
  readonly memberId: string;
  readonly memberName: string;
  readonly memberCanPay: boolean;
  readonly version: number;
}

/** This pile's station: its name and tariff, for the cost shown on the charging screen. */
export interface StationEntry {
  readonly id: string;
  readonly name: string;
  readonly tariff: {
    /** Base price in fen per kWh, in force outside every period. */
    fenPerKwh: number;
    /** Time-of-use periods 尖/峰/平/谷 in local wall time, HH:MM, end exclusive (end < start wraps midnight). */
    periods: { name: string; start: string; end: string; fenPerKwh: number }[];
  };
  readonly version: number;
}

export interface WhitelistCounts {
  readonly departments: number;
  readonly vehicles: number;
  readonly cards: number;
  readonly fixedPasswords: number;
}
