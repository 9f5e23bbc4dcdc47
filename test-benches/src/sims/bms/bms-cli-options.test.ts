// `bench bms` option validation: every bad option gives a clear sentence; bad VIN text is allowed
// with a warning; options reach the simulator settings and behaviours.
import { describe, expect, it } from 'vitest';
import { resolveBmsSettings } from './bms-config.js';
import { parseBmsCliOptions, type BmsCliRaw } from './bms-cli-options.js';

const base: BmsCliRaw = { port: '/dev/pts/9', vin: 'LZYTBTE65K1012345', edition: '2015', bitrate: '250000', baud: '115200' };
const errorsOf = (raw: Partial<BmsCliRaw>) => {
  const r = parseBmsCliOptions({ ...base, ...raw });
  return r.ok ? [] : r.errors;
};

describe('bench bms options', () => {
  it('accepts the defaults and builds a 2015 config with vector A VIN', () => {
    const r = parseBmsCliOptions(base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ port: '/dev/pts/9', bitrate: 250_000, baud: 115_200, behaviors: [], warnings: [] });
    expect(resolveBmsSettings(r.value.config)).toMatchObject({ edition: '2015', vin: 'LZYTBTE65K1012345', brmLengthBytes: 49, targetSocPercent: 100 });
  });

  it.each([
    [{ port: undefined }, /--port PATH is required/],
    [{ edition: '2023' }, /--edition must be 2011 or 2015/],
    [{ behavior: 'slow-brm,nope' }, /unknown --behavior "nope"; known: bem-on-crm-timeout, /],
    [{ vin: undefined }, /--vin VIN is required for a 2015 BMS/],
    [{ vin: 'LZYTBTE65K10123456' }, /1–17 printable ASCII/],
    [{ vin: 'VIN\u00e9' }, /1–17 printable ASCII/],
    [{ bitrate: '12345' }, /SLCAN preset/],
    [{ bitrate: 'fast' }, /--bitrate must be an integer/],
    [{ baud: '0' }, /--baud must be an integer 1200–4000000/],
    [{ targetSoc: '101' }, /--target-soc must be an integer 1–100/],
    [{ soc: '-1' }, /--soc must be a number 0–100/],
    [{ socSpeed: '0' }, /--soc-speed/],
    [{ seed: '1.5' }, /--seed must be an integer/],
  ] as const)('rejects %j', (raw, message) => {
    expect(errorsOf(raw).join('\n')).toMatch(message);
  });

  it('allows bad VIN text on purpose, with a warning; no warning when bad-check-digit asks for it', () => {
    const bad = parseBmsCliOptions({ ...base, vin: 'LZYTBTE66K1012345' });
    expect(bad.ok && bad.value.warnings[0]).toMatch(/wrong check digit: sent as given, on purpose/);
    const junk = parseBmsCliOptions({ ...base, vin: 'HELLO' });
    expect(junk.ok && junk.value.warnings[0]).toMatch(/not a 17-character VIN/);
    const asked = parseBmsCliOptions({ ...base, vin: 'LZYTBTE66K1012345', behavior: 'bad-check-digit' });
    expect(asked.ok && asked.value.warnings).toEqual([]);
  });

  it('a VIN is optional for 2011, with no-vin, or as "none"', () => {
    for (const raw of [{ edition: '2011', vin: undefined }, { behavior: 'no-vin', vin: undefined }, { vin: 'none' }]) {
      const r = parseBmsCliOptions({ ...base, ...raw });
      expect(r.ok).toBe(true);
      if (r.ok) expect(resolveBmsSettings(r.value.config).vin).toBeNull();
    }
  });

  it('--target-soc, --soc and --soc-speed reach the settings; behaviours are created by name', () => {
    const r = parseBmsCliOptions({ ...base, behavior: 'bst-at-target-soc, garbage-frames', targetSoc: '90', soc: '42.5', socSpeed: '60', seed: '3' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.behaviors).toEqual(['bst-at-target-soc', 'garbage-frames']);
    const s = resolveBmsSettings(r.value.config);
    expect(s.targetSocPercent).toBe(90);
    expect(s.battery).toMatchObject({ startSocPermille: 425, socSpeed: 60 });
  });
});
