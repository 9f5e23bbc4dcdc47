// The checks a schema cannot make: every key unique across the depot, every reference (a department,
// a station, a pile, `PILE/CONNECTOR`, `{key}` in an API path) pointing at something the file
// defines (in API bodies: a value that is exactly "{key}"), and steps complete enough to run (a wait names what it waits for). Pure.
import type { Expectation, Scenario, Step } from './scenario.types.js';

export interface RefIssue {
  readonly segments: (string | number)[];
  readonly message: string;
}

type Body = Omit<Scenario, 'file' | 'stepLines'>;

export function referenceIssues(s: Body): RefIssue[] {
  const out: RefIssue[] = [];
  const issue = (segments: (string | number)[], message: string) => out.push({ segments, message });
  const d = s.depot;
  const departments = new Set((d.departments ?? []).map((x) => x.key));
  const stations = new Set((d.stations ?? []).map((x) => x.key));
  const members = new Set((d.members ?? []).map((x) => x.key));
  const connectorsOf = new Map<string, number>();
  for (const p of d.piles) if (!connectorsOf.has(p.id)) connectorsOf.set(p.id, p.connectors ?? 2);

  const keys = new Map<string, string>();
  const unique = (section: string, items: readonly { key?: string; id?: string; vin?: string }[] | undefined, field: 'key' | 'id' | 'vin') =>
    (items ?? []).forEach((item, i) => {
      const k = item[field];
      if (k === undefined) return;
      const other = keys.get(`${field === 'vin' ? 'vin:' : ''}${k}`);
      if (other) issue(['depot', section, i, field], `"${k}" is already defined at ${other}`);
      else keys.set(`${field === 'vin' ? 'vin:' : ''}${k}`, `/depot/${section}/${i}`);
    });
  unique('departments', d.departments, 'key');
  unique('stations', d.stations, 'key');
  unique('members', d.members, 'key');
  unique('piles', d.piles, 'id');
  unique('vehicles', d.vehicles, 'vin');

  const needDept = (segments: (string | number)[], key: string | undefined) => key !== undefined && !departments.has(key) && issue(segments, `no department "${key}" in depot.departments`);
  const needStation = (segments: (string | number)[], key: string | undefined) => key !== undefined && !stations.has(key) && issue(segments, `no station "${key}" in depot.stations`);
  const needPile = (segments: (string | number)[], id: string) => !connectorsOf.has(id) && issue(segments, `no pile "${id}" in depot.piles`);
  const needAt = (segments: (string | number)[], at: string | undefined) => {
    if (at === undefined) return;
    const [pile, n] = at.split('/');
    const count = connectorsOf.get(pile);
    if (count === undefined) issue(segments, `no pile "${pile}" in depot.piles`);
    else if (Number(n) > count) issue(segments, `pile "${pile}" has ${count} connector${count === 1 ? '' : 's'}`);
  };

  (d.departments ?? []).forEach((x, i) => (x.stations ?? []).forEach((st, j) => needStation(['depot', 'departments', i, 'stations', j], st)));
  (d.stations ?? []).forEach(
    (x, i) => x.administrator !== undefined && !members.has(x.administrator) && issue(['depot', 'stations', i, 'administrator'], `no member "${x.administrator}" in depot.members`),
  );
  (d.vehicles ?? []).forEach((x, i) => {
    needDept(['depot', 'vehicles', i, 'department'], x.department);
    if (x.vin === undefined && x.plate === undefined) issue(['depot', 'vehicles', i], 'a vehicle needs a vin, a plate or both');
  });
  (d.members ?? []).forEach((x, i) => needDept(['depot', 'members', i, 'department'], x.department));
  d.piles.forEach((p, i) => needStation(['depot', 'piles', i, 'station'], p.station));

  const who = (segments: (string | number)[], as: string | undefined) => as !== undefined && as !== 'operator' && needDept(segments, as);
  s.steps.forEach((step, i) => stepIssues(step, ['steps', i], { needAt, needPile, needDept, who, issue, known: keys }));
  return out;
}

interface Checks {
  readonly needAt: (segments: (string | number)[], at: string | undefined) => void;
  readonly needPile: (segments: (string | number)[], id: string) => void;
  readonly needDept: (segments: (string | number)[], key: string | undefined) => void;
  readonly who: (segments: (string | number)[], as: string | undefined) => void;
  readonly issue: (segments: (string | number)[], message: string) => void;
  readonly known: ReadonlyMap<string, string>;
}

function stepIssues(step: Step, at: (string | number)[], c: Checks): void {
  const [kind, body] = Object.entries(step)[0] as [string, Record<string, unknown> & Expectation];
  const path = [...at, kind];
  if (body && typeof body === 'object' && typeof body.at === 'string') c.needAt([...path, 'at'], body.at);
  if (body && typeof body === 'object' && typeof body.pile === 'string') c.needPile([...path, 'pile'], body.pile);
  if (kind === 'wait' && body.phase === undefined && body.screen === undefined) c.issue(path, 'a wait needs a phase or a screen to wait for');
  if (kind === 'api') {
    c.who([...path, 'as'], body.as as string | undefined);
    for (const m of String(body.path).matchAll(/\{([^}]*)\}/g)) if (!c.known.has(m[1])) c.issue([...path, 'path'], `{${m[1]}} names no department, station, member or pile of the depot`);
    // A body value that is exactly "{key}" becomes that department's, station's or member's id.
    for (const [field, v] of Object.entries((body.body ?? {}) as Record<string, unknown>)) {
      const m = typeof v === 'string' ? /^\{([^}]*)\}$/.exec(v) : null;
      if (m && !c.known.has(m[1])) c.issue([...path, 'body', field], `{${m[1]}} names no department, station, member or pile of the depot`);
    }
  }
  if (kind === 'expect') expectationIssues(body, path, c);
  if (kind === 'together') (body as unknown as Step[][]).forEach((seq, i) => seq.forEach((inner, j) => stepIssues(inner, [...path, i, j], c)));
}

function expectationIssues(e: Expectation, path: (string | number)[], c: Checks): void {
  const perConnector = (['charging', 'refused', 'screen', 'phase'] as const).filter((k) => e[k] !== undefined);
  if (perConnector.length > 0 && e.at === undefined) c.issue(path, `${perConnector.join(', ')} need "at" (PILE/CONNECTOR)`);
  if (e.session) {
    c.needAt([...path, 'session', 'at'], e.session.at);
    if (e.session.payer !== undefined && e.session.payer !== 'member') c.needDept([...path, 'session', 'payer'], e.session.payer);
    if (typeof e.session.department === 'string') c.needDept([...path, 'session', 'department'], e.session.department);
  }
  if (e.pool) c.needDept([...path, 'pool', 'department'], e.pool.department);
  if (e.report) c.who([...path, 'report', 'as'], e.report.as);
  if (e.visibleSessions) c.who([...path, 'visibleSessions', 'as'], e.visibleSessions.as);
}
