// The bench profile: a wired bench read with its defaults; every problem with line and path at once;
// controllers assigned to a scenario's piles (named first, then in order); too few controllers, or a
// controller with fewer wired connectors than the scenario registers, refused.
import { describe, expect, it } from 'vitest';
import { assignBenchPiles, parseBenchProfile } from './bench-profile.js';

const GOOD = `bench: lab-1
cloud: { host: 192.168.10.1 }
piles:
  - console: { path: /dev/ttyUSB0 }
    can: { "1": /dev/ttyACM0, "2": /dev/ttyACM1 }
    meters: { path: /dev/ttyUSB1 }
    reader: { path: /dev/ttyUSB2 }
    power: { cut: "relay off 1", on: "relay on 1" }
`;

describe('bench profile', () => {
  it('reads a wired bench with its defaults', () => {
    const r = parseBenchProfile(GOOD, 'lab.yaml');
    expect(r.ok && r.value).toMatchObject({
      cloud: { host: '192.168.10.1', listen: '0.0.0.0' },
      piles: [{ profile: 'sim', pinEnv: 'PILEGATE_HIL_PIN', canBitrate: 250_000, console: { baud: 115200 }, meters: { baud: 9600 }, can: { '1': '/dev/ttyACM0' } }],
    });
  });

  it('reports every problem with its line and path', () => {
    const r = parseBenchProfile(GOOD.replace('/dev/ttyUSB1 }', '/dev/ttyUSB1, baud: 7 }').replace('"2":', '"two":').replace('192.168.10.1 }', '192.168.10.1, port: 1 }'), 'lab.yaml');
    expect(r.ok).toBe(false);
    const issues = r.ok ? [] : r.issues;
    expect(issues).toHaveLength(3);
    expect(issues.some((i) => i.startsWith('lab.yaml:6 piles.0.meters.baud:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('lab.yaml:5 piles.0.can.two:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('lab.yaml:2 cloud:') && i.includes('port'))).toBe(true);
    expect(parseBenchProfile('bench: [', 'x.yaml')).toMatchObject({ ok: false, issues: [expect.stringContaining('x.yaml:1 (file): YAML:')] });
  });

  it('assigns controllers to the scenario piles: named first, the rest in order; too few is an error', () => {
    const r = parseBenchProfile(`${GOOD}  - scenarioPile: B\n    console: { path: /dev/ttyUSB5 }\n    can: { "1": /dev/ttyACM5 }\n    meters: { path: /dev/ttyUSB6 }\n`, 'lab.yaml');
    if (!r.ok) throw new Error(r.issues.join('\n'));
    const piles = (entries: [string, number][]) => new Map(entries.map(([id, connectors]) => [id, { connectors }]));
    const a = assignBenchPiles(
      r.value,
      piles([
        ['A', 2],
        ['B', 1],
      ]),
    );
    expect(a.get('B')?.console.path).toBe('/dev/ttyUSB5');
    expect(a.get('A')?.console.path).toBe('/dev/ttyUSB0');
    expect(() =>
      assignBenchPiles(
        r.value,
        piles([
          ['A', 1],
          ['B', 1],
          ['C', 1],
        ]),
      ),
    ).toThrow(/has 2 controller\(s\); this scenario needs 3/);
    expect(() => assignBenchPiles(r.value, piles([['A', 1]]))).toThrow(/pile B is not in this scenario/);
    // B's controller has only connector 1 wired to an adapter.
    expect(() =>
      assignBenchPiles(
        r.value,
        piles([
          ['A', 2],
          ['B', 2],
        ]),
      ),
    ).toThrow(/playing B has 1 connector\(s\) wired to CAN adapters; the scenario registers 2/);
  });
});
