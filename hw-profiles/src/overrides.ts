// Logical device names and run-time overrides. Every device path in a profile has a stable logical
// name, so the composition root (and the benches, which wire the `sim` profile to pty pairs made at
// run time) can replace paths without editing files:
//   rs485.<busId>          the bus's serial device
//   can.<connectorId>      slcan path, socketcan interface or candump file of that connector
//   meter.<connectorId>    "host:port" of a Modbus TCP meter
//   reader                 the card reader's own serial device (serial transport only)
//   screen.framebuffer, screen.touch, console
import type { ChargerProfile } from '../schema/charger-profile.schema.js';
import type { PathKey } from './issues.js';

export interface DevicePath {
  readonly name: string;
  readonly value: string;
  /** Where the value sits in the profile file. */
  readonly path: PathKey[];
}

export function devicePaths(p: ChargerProfile): DevicePath[] {
  const out: DevicePath[] = [];
  p.rs485.forEach((b, i) => out.push({ name: `rs485.${b.id}`, value: b.path, path: ['rs485', i, 'path'] }));
  p.connectors.forEach((c, i) => {
    const can = c.can;
    const key = can.kind === 'socketcan' ? 'iface' : can.kind === 'slcan' ? 'path' : 'file';
    const value = can.kind === 'socketcan' ? can.iface : can.kind === 'slcan' ? can.path : can.file;
    out.push({ name: `can.${c.id}`, value, path: ['connectors', i, 'can', key] });
    if ('tcp' in c.meter) out.push({ name: `meter.${c.id}`, value: `${c.meter.tcp.host}:${c.meter.tcp.port}`, path: ['connectors', i, 'meter', 'tcp'] });
  });
  if (p.cardReader?.transport.kind === 'serial') out.push({ name: 'reader', value: p.cardReader.transport.path, path: ['cardReader', 'transport', 'path'] });
  if (p.screen) {
    out.push({ name: 'screen.framebuffer', value: p.screen.framebuffer, path: ['screen', 'framebuffer'] });
    if (p.screen.touch) out.push({ name: 'screen.touch', value: p.screen.touch, path: ['screen', 'touch'] });
  }
  if (p.console.kind === 'serial') out.push({ name: 'console', value: p.console.path, path: ['console', 'path'] });
  return out;
}

/** Returns a copy of the profile with overrides applied, and one issue per unusable override. */
export function applyOverrides(profile: ChargerProfile, overrides: Readonly<Record<string, string>>): { profile: ChargerProfile; issues: Array<{ path: PathKey[]; message: string }> } {
  const p = structuredClone(profile);
  const issues: Array<{ path: PathKey[]; message: string }> = [];
  const known = new Set(devicePaths(p).map((d) => d.name));
  for (const [name, value] of Object.entries(overrides)) {
    if (!known.has(name)) {
      issues.push({ path: ['overrides', name], message: `unknown device "${name}" (this profile has: ${[...known].join(', ')})` });
      continue;
    }
    if (!value) {
      issues.push({ path: ['overrides', name], message: 'empty value' });
      continue;
    }
    const [kind, id] = name.split('.') as [string, string | undefined];
    if (kind === 'rs485') p.rs485.find((b) => b.id === id)!.path = value;
    else if (kind === 'can') {
      const can = p.connectors.find((c) => String(c.id) === id)!.can;
      if (can.kind === 'socketcan') can.iface = value;
      else if (can.kind === 'slcan') can.path = value;
      else can.file = value;
    } else if (kind === 'meter') {
      const m = /^(.+):(\d{1,5})$/.exec(value);
      const meter = p.connectors.find((c) => String(c.id) === id)!.meter;
      if (!m || !('tcp' in meter)) issues.push({ path: ['overrides', name], message: `"${value}" is not host:port` });
      else meter.tcp = { ...meter.tcp, host: m[1], port: Number(m[2]) };
    } else if (kind === 'reader' && p.cardReader?.transport.kind === 'serial') p.cardReader.transport.path = value;
    else if (name === 'screen.framebuffer') p.screen!.framebuffer = value;
    else if (name === 'screen.touch') p.screen!.touch = value;
    else if (kind === 'console' && p.console.kind === 'serial') p.console.path = value;
  }
  return { profile: p, issues };
}
