// Scenario files: the ones in test-benches/scenarios/ are valid; a bad file is refused with the line,
// column and path of every problem (YAML syntax, the schema, references between sections); the
// schema file editors use is the schema the loader checks.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadScenarioFile, parseScenario } from './scenario-load.js';
import { SCENARIO_SCHEMA } from './scenario.schema.js';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');

const GOOD = `scenario: mode 2 card
depot:
  departments:
    - { key: fleet-a, name: 一公司, poolFen: 5000, stations: [yard-1] }
  stations:
    - { key: yard-1, name: 一号场站, fenPerKwh: 120 }
  members:
    - { key: zhang, name: 张三, department: fleet-a, cards: ["3283263748"] }
  piles:
    - { id: P1, station: yard-1 }
steps:
  - plug: { at: P1/2 }
  - card: { pile: P1, number: "3283263748" }
  - wait: { at: P1/2, phase: charging }
  - expect: { at: P1/2, charging: true }
`;

const issuesOf = (text: string) => {
  const r = parseScenario(text, 'x.yaml');
  if (r.ok) throw new Error('expected the file to be refused');
  return r.issues.map((i) => `${i.line}:${i.column} ${i.path} ${i.message}`);
};

describe('scenario files', () => {
  it('every file in test-benches/scenarios/ is a valid scenario', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = loadScenarioFile(join(DIR, f));
      expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([]);
    }
  });

  it('a valid file gives its depot, steps and the line of each step', () => {
    const r = parseScenario(GOOD, 'good.yaml');
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.value.depot.piles).toEqual([{ id: 'P1', station: 'yard-1' }]);
    expect(r.value.steps[1]).toEqual({ card: { pile: 'P1', number: '3283263748' } });
    expect(r.value.stepLines).toEqual([12, 13, 14, 15]);
  });

  it('schema problems: each with its line, column and path, all of them at once', () => {
    const bad = GOOD.replace('  - plug: { at: P1/2 }', '  - plug: { at: P1/2, vin: LZYTBGBW0LA00077O }')
      .replace('  - wait: { at: P1/2, phase: charging }', '  - wait: { at: P1/2, phase: charged }')
      .replace('  - expect: { at: P1/2, charging: true }', '  - expec: { at: P1/2 }');
    expect(issuesOf(bad)).toEqual([
      '12:28 /steps/0/plug/vin "LZYTBGBW0LA00077O" is not 17 characters, no I, O or Q',
      '14:30 /steps/2/wait/phase must be one of: idle, authorizing, starting, connecting, charging, stopping, finished, refused, faulted',
      expect.stringMatching(/^15:5 \/steps\/3\/expec unknown step "expec"; a step is one of: plug, unplug, card, /),
    ]);
  });

  it('a missing field and a step with two kinds', () => {
    const bad = GOOD.replace('    - { id: P1, station: yard-1 }', '    - { id: P1 }').replace(
      '  - card: { pile: P1, number: "3283263748" }',
      '  - { card: { pile: P1, number: "1" }, unplug: { at: P1/1 } }',
    );
    expect(issuesOf(bad)).toEqual(['10:7 /depot/piles/0 missing "station"', expect.stringMatching(/^13:5 \/steps\/1 a step has exactly one of: plug, /)]);
  });

  it('references: unknown department, station, pile, connector, API placeholder; duplicate keys', () => {
    const bad = GOOD.replace('stations: [yard-1] }', 'stations: [yard-2] }')
      .replace('department: fleet-a, cards', 'department: fleet-b, cards')
      .replace('  - plug: { at: P1/2 }', '  - plug: { at: P1/3 }')
      .replace('  - card: { pile: P1, number', '  - card: { pile: P9, number')
      .replace('    - { id: P1, station: yard-1 }', '    - { id: P1, station: yard-1 }\n    - { id: P1, station: yard-1, connectors: 1 }')
      .concat('  - api: { method: PATCH, path: "/departments/{fleet-z}", body: { stopPassword: "1234" } }\n  - wait: { at: P1/1 }\n  - expect: { screen: charging }\n');
    expect(issuesOf(bad)).toEqual([
      '11:13 /depot/piles/1/id "P1" is already defined at /depot/piles/0',
      '4:60 /depot/departments/0/stations/0 no station "yard-2" in depot.stations',
      '8:43 /depot/members/0/department no department "fleet-b" in depot.departments',
      '13:17 /steps/0/plug/at pile "P1" has 2 connectors',
      '14:19 /steps/1/card/pile no pile "P9" in depot.piles',
      '17:33 /steps/4/api/path {fleet-z} names no department, station, member or pile of the depot',
      '18:11 /steps/5/wait a wait needs a phase or a screen to wait for',
      '19:13 /steps/6/expect screen need "at" (PILE/CONNECTOR)',
    ]);
  });

  it('YAML syntax: the line of the error, and nothing else is checked', () => {
    expect(issuesOf('scenario: x\ndepot:\n  piles: [\nsteps: []\n')).toEqual([expect.stringMatching(/^\d+:\d+ {2}YAML: /)]);
    expect(issuesOf('scenario: a\nscenario: b\ndepot: { piles: [] }\nsteps: []\n')).toEqual([expect.stringMatching(/^2:1 {2}YAML: Map keys must be unique/)]);
  });

  it('a file that cannot be read is one issue naming it', () => {
    const r = loadScenarioFile('/nonexistent/scenario.yaml');
    expect(r.ok ? null : formatIssue(r.issues[0])).toMatch(/^\/nonexistent\/scenario\.yaml:0:0 \(file\): cannot read: ENOENT/);
  });

  it('steps inside a together are checked like any step: unknown kinds and references, with their line', () => {
    const text = GOOD.replace('  - expect: { at: P1/2, charging: true }\n', '  - together:\n      - - plug: { at: P1/1 }\n        - jump: { at: P1/1 }\n      - - card: { pile: P9, number: "1" }\n');
    const issues = issuesOf(text);
    expect(issues.some((i) => /^\d+:\d+ \/steps\/3\/together\/0\/1\/jump unknown step "jump"/.test(i))).toBe(true);
    expect(issuesOf(text.replace('        - jump: { at: P1/1 }\n', '')).some((i) => /\/steps\/3\/together\/1\/0\/card\/pile .*P9/.test(i))).toBe(true);
  });

  it('scenario.schema.json (for editors) is the schema the loader checks', () => {
    expect(JSON.parse(readFileSync(join(DIR, 'scenario.schema.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(SCENARIO_SCHEMA)));
  });
});
