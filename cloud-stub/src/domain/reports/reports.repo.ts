// What the reports read, as one asynchronous port over either engine (store/reports.store.ts): the
// departments tree (for the scope), the per-day rollup of sessions for the company report, the
// per-card sums for "one card one car", and the departments' names. `ids` null = every department.
import type { DepartmentTree } from '../access/department-scope.js';

export interface CompanyRow {
  readonly day: string;
  readonly plate: string | null;
  readonly vin: string | null;
  readonly cardNo: string | null;
  readonly departmentId: number;
  readonly sessions: number;
  readonly energyWh: number;
  readonly amountFen: number;
}

export interface CardRow {
  readonly cardNo: string;
  readonly memberName: string | null;
  readonly plate: string | null;
  readonly departmentId: number | null;
  readonly departmentName: string | null;
  readonly sessions: number;
  readonly energyWh: number;
  readonly amountFen: number;
}

export interface ReportsRepo extends DepartmentTree {
  /** Attributed rollup rows of the days, ordered by day, vehicle (plate, else VIN, else card; bytewise) and department. */
  companyRows(ids: readonly number[] | null, fromDay: string, toDay: string): Promise<CompanyRow[]>;
  /** Per card and department: sessions, energy and money of the days, ordered by card number (bytewise). */
  cardRows(ids: readonly number[] | null, fromDay: string, toDay: string): Promise<CardRow[]>;
  departmentNames(): Promise<Map<number, string>>;
}
