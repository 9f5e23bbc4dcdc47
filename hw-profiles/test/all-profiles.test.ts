// Every shipped charger profile loads, validates and resolves its meter maps; overrides replace
// device paths by logical name; broken profiles report every error with its path and line.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProfileFile, devicePaths, listProfiles, loadProfile, ProfileError } from '../index.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

describe('shipped profiles', () => {
  it('include sim and at least one <vendor>/<model>', () => {
    expect(listProfiles()).toContain('sim');
    expect(listProfiles().some((id) => id.includes('/'))).toBe(true);
  });

  it.each(listProfiles())('%s loads, its id matches its path and its meter maps resolve', (id) => {
    const p = loadProfile(id);
    expect(p.id).toBe(id);
    for (const c of p.connectors) expect(p.meterMaps[c.meter.map]?.id).toBe(c.meter.map);
  });
});

describe('overrides by logical device name', () => {
  it('lists every device path of the sim profile', () => {
    expect(devicePaths(loadProfile('sim')).map((d) => d.name)).toEqual(['rs485.rs485-1', 'can.1', 'can.2', 'reader', 'screen.framebuffer', 'screen.touch', 'console']);
  });

  it('replaces paths without touching the file', () => {
    const p = loadProfile('sim', { overrides: { 'rs485.rs485-1': '/dev/pts/7', 'can.2': '/dev/pts/9', console: '/dev/pts/3' } });
    expect(p.rs485[0].path).toBe('/dev/pts/7');
    expect(p.connectors[1].can).toMatchObject({ kind: 'slcan', path: '/dev/pts/9' });
    expect(p.console).toMatchObject({ path: '/dev/pts/3' });
    expect(loadProfile('sim').rs485[0].path).toBe('/dev/pilegate-sim/rs485-1');
  });

  it('refuses an unknown device name', () => {
    const { issues } = checkProfileFile(loadProfile('sim').file, { overrides: { 'rs485.nope': '/dev/x' } });
    expect(issues).toEqual([expect.objectContaining({ path: 'overrides.rs485.nope', message: expect.stringMatching(/unknown device/) })]);
  });
});

describe('broken profiles', () => {
  it('report every cross-reference error with its path and line', () => {
    const { profile, issues } = checkProfileFile(fixture('broken-profile.yaml'));
    expect(profile).toBeUndefined();
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'connectors[1].id: duplicate connector id 1',
      'connectors[1].meter.bus: unknown bus "rs485-2"',
      expect.stringMatching(/^connectors\[2\]\.meter\.map: unknown meter map "no-such-meter"/),
      `connectors[2].meter.address: address 1 on bus "rs485-1" is already used by connector 1's meter`,
      'cardReader.transport.bus: unknown bus "rs485-9"',
    ]);
    expect(issues[1].line).toBe(14);
  });

  it('report every schema error with its path', () => {
    const { issues } = checkProfileFile(fixture('bad-schema-profile.yaml'));
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['connectors[0].meter.address', 'screen.pixelFormat', 'screen.rotation', 'features']));
    expect(issues.find((i) => i.path === 'screen.rotation')?.line).toBe(14);
  });

  it('throw ProfileError from loadProfile, and report unreadable files and YAML syntax errors', () => {
    expect(() => loadProfile(fixture('broken-profile.yaml'))).toThrow(ProfileError);
    expect(checkProfileFile(fixture('missing.yaml')).issues[0].message).toMatch(/cannot read/);
    expect(checkProfileFile(fixture('not-yaml.txt')).issues[0].message).toMatch(/YAML/);
  });
});
