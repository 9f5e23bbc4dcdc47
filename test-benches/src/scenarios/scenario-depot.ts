// Creates a scenario's depot through the cloud's HTTP API as an operator would (departments with
// their pools and stop passwords, stations with tariff, fixed password and administrator, bindings,
// members and cards, vehicles, piles and their secrets) and keeps the ids it was given, by key.
import type { Api } from '../sync/http-api.js';
import type { Depot } from './scenario.types.js';

export interface DepotIds {
  readonly departments: ReadonlyMap<string, number>;
  readonly stations: ReadonlyMap<string, number>;
  readonly members: ReadonlyMap<string, number>;
  /** Pile id → its station's id, connector count and the MQTT secret issued at registration. */
  readonly piles: ReadonlyMap<string, { readonly stationId: number; readonly connectors: number; readonly secret: string }>;
}

export async function createDepot(api: Api, depot: Depot): Promise<DepotIds> {
  const departments = new Map<string, number>();
  const stations = new Map<string, number>();
  const members = new Map<string, number>();
  const piles = new Map<string, { stationId: number; connectors: number; secret: string }>();
  for (const d of depot.departments ?? []) {
    const body = { name: d.name, ...(d.vinOnly !== undefined ? { vinOnly: d.vinOnly } : {}), ...(d.stopPassword ? { stopPassword: d.stopPassword } : {}) };
    const id = (await api('POST', '/api/v1/departments', body)).id as number;
    departments.set(d.key, id);
    if (d.poolFen) await api('POST', `/api/v1/departments/${id}/top-ups`, { amountFen: d.poolFen });
  }
  for (const m of depot.members ?? []) {
    const body = { kind: m.kind ?? 'real', name: m.name, ...(m.department ? { departmentId: departments.get(m.department) } : {}) };
    const id = (await api('POST', '/api/v1/members', body)).id as number;
    members.set(m.key, id);
    for (const cardNo of m.cards ?? []) await api('POST', `/api/v1/members/${id}/cards`, { cardNo });
    if (m.balanceFen) await api('POST', `/api/v1/members/${id}/top-ups`, { amountFen: m.balanceFen });
  }
  for (const s of depot.stations ?? []) {
    const body = {
      name: s.name,
      ...(s.fenPerKwh !== undefined ? { tariff: { fenPerKwh: s.fenPerKwh } } : {}),
      ...(s.fixedPassword ? { fixedPassword: s.fixedPassword } : {}),
      ...(s.administrator ? { adminMemberId: members.get(s.administrator) } : {}),
    };
    stations.set(s.key, (await api('POST', '/api/v1/stations', body)).id as number);
  }
  for (const d of depot.departments ?? []) {
    if (d.stations?.length) await api('PUT', `/api/v1/departments/${departments.get(d.key)}/stations`, { stationIds: d.stations.map((k) => stations.get(k)) });
  }
  for (const v of depot.vehicles ?? []) {
    await api('POST', '/api/v1/vehicles', { ...(v.vin ? { vin: v.vin } : {}), ...(v.plate ? { plate: v.plate } : {}), departmentId: departments.get(v.department) });
  }
  for (const p of depot.piles) {
    const stationId = stations.get(p.station);
    if (stationId === undefined) throw new Error(`pile ${p.id}: no station ${p.station}`);
    const connectors = p.connectors ?? 2;
    const r = await api('POST', `/api/v1/stations/${stationId}/piles`, { pileId: p.id, connectors });
    piles.set(p.id, { stationId, connectors, secret: r.secret as string });
  }
  return { departments, stations, members, piles };
}

/** `{key}` → the id of that department, station or member (a pile id stays as it is). */
export function resolveKey(ids: DepotIds, key: string): number | string | undefined {
  return ids.departments.get(key) ?? ids.stations.get(key) ?? ids.members.get(key) ?? (ids.piles.has(key) ? key : undefined);
}
