// The columns of the vehicle template (导入车牌和车架): the Chinese titles the template is written
// with and the aliases an import also accepts, in one place. Header matching ignores case, spaces and
// full-width parentheses, so "车架号（VIN）" and "VIN" both name the VIN column.

export type VehicleColumnKey = 'vin' | 'plate' | 'departmentId';

export interface VehicleColumn {
  readonly key: VehicleColumnKey;
  /** The title written in the template's header row. */
  readonly title: string;
  /** Other header texts accepted on import. */
  readonly aliases: readonly string[];
}

export const VEHICLE_COLUMNS: readonly VehicleColumn[] = [
  { key: 'vin', title: '车架号(VIN)', aliases: ['vin', '车架号', '车辆VIN', 'VIN码'] },
  { key: 'plate', title: '车牌号', aliases: ['plate', '车牌', '车牌号码'] },
  { key: 'departmentId', title: '部门ID', aliases: ['departmentId', 'department_id', 'department id', '部门编号'] },
];

/** The example row of the template: a VIN with a valid check digit, a new-energy bus plate, 部门ID 2. */
export const VEHICLE_TEMPLATE_EXAMPLE = { vin: 'LZYTBTE66N1000001', plate: '粤B12345D', departmentId: 2 } as const;

function normaliseHeader(text: string): string {
  return text.replace(/（/g, '(').replace(/）/g, ')').replace(/[\s_]/g, '').toLowerCase();
}

const BY_HEADER = new Map<string, VehicleColumnKey>();
for (const c of VEHICLE_COLUMNS) for (const h of [c.title, ...c.aliases]) BY_HEADER.set(normaliseHeader(h), c.key);

/** The column a header cell names, or undefined for a column the import ignores. */
export function vehicleColumnOf(headerText: string): VehicleColumnKey | undefined {
  return BY_HEADER.get(normaliseHeader(headerText));
}
