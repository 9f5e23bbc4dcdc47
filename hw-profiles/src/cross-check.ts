// Checks a profile's references after the schema passed: unique ids, every bus and meter map a
// connector or reader names exists, no two devices share a bus address. Returns every problem.
import { existsSync } from 'node:fs';
import type { ChargerProfile } from '../schema/charger-profile.schema.js';
import type { PathKey } from './issues.js';
import { listMeterMaps, meterMapFile } from './meter-maps.js';

type Issue = { path: PathKey[]; message: string };

export function crossCheck(p: ChargerProfile): Issue[] {
  const issues: Issue[] = [];
  const busIds = new Set<string>();
  p.rs485.forEach((b, i) => {
    if (busIds.has(b.id)) issues.push({ path: ['rs485', i, 'id'], message: `duplicate bus id "${b.id}"` });
    busIds.add(b.id);
  });
  const connectorIds = new Set<number>();
  const busAddresses = new Map<string, string>();
  const claim = (bus: string, address: number, who: string, path: PathKey[]) => {
    const key = `${bus}#${address}`;
    const prior = busAddresses.get(key);
    if (prior) issues.push({ path, message: `address ${address} on bus "${bus}" is already used by ${prior}` });
    else busAddresses.set(key, who);
  };
  p.connectors.forEach((c, i) => {
    if (connectorIds.has(c.id)) issues.push({ path: ['connectors', i, 'id'], message: `duplicate connector id ${c.id}` });
    connectorIds.add(c.id);
    const m = c.meter;
    if (!existsSync(meterMapFile(m.map))) {
      issues.push({ path: ['connectors', i, 'meter', 'map'], message: `unknown meter map "${m.map}" (known: ${listMeterMaps().join(', ')})` });
    }
    if ('bus' in m) {
      if (!busIds.has(m.bus)) issues.push({ path: ['connectors', i, 'meter', 'bus'], message: `unknown bus "${m.bus}"` });
      else claim(m.bus, m.address, `connector ${c.id}'s meter`, ['connectors', i, 'meter', 'address']);
    }
  });
  const t = p.cardReader?.transport;
  if (t?.kind === 'bus') {
    if (!busIds.has(t.bus)) issues.push({ path: ['cardReader', 'transport', 'bus'], message: `unknown bus "${t.bus}"` });
    else claim(t.bus, t.address, 'the card reader', ['cardReader', 'transport', 'address']);
  }
  return issues;
}
