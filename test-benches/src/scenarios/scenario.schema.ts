// The scenario file format (YAML), as a JSON Schema: a depot registry created through the cloud's
// HTTP API, then steps (hardware acts, operator changes, faults) and expectations. The same schema is
// written to test-benches/scenarios/scenario.schema.json for editors (`# yaml-language-server:
// $schema=...`); scenario-schema.test.ts keeps the two equal. References between sections (a
// department key, a pile id, `PILE/CONNECTOR`) are checked after the schema (scenario-load.ts).

import { stopReasonSchema } from '../../../pile-agent/contract.js';
import { VIEW_NAMES } from '../../../pile-agent/index.js';
import { BMS_BEHAVIOR_NAMES } from '../sims/bms/behaviors/index.js';

const KEY = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'a name other sections refer to' } as const;
const TEXT = { type: 'string', minLength: 1, maxLength: 80 } as const;
const FEN = { type: 'integer', minimum: 0, maximum: 1_000_000_000 } as const;
const VIN = { type: 'string', pattern: '^[A-HJ-NPR-Z0-9]{17}$', description: '17 characters, no I, O or Q' } as const;
const DIGITS = { type: 'string', pattern: '^[0-9]{4,12}$' } as const;
const CARD = { type: 'string', pattern: '^[0-9]{1,20}$', description: 'the card number as printed (decimal)' } as const;
const PILE_ID = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$' } as const;
const AT = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}/[1-9]$', description: 'PILE/CONNECTOR, e.g. YARD1-P1/2' } as const;
const SECONDS = { type: 'number', exclusiveMinimum: 0, maximum: 600 } as const;

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required }) as const;
const list = (items: unknown) => ({ type: 'array', items }) as const;

export const PHASES = ['idle', 'authorizing', 'starting', 'connecting', 'charging', 'stopping', 'finished', 'refused', 'faulted'] as const;
/** The screen's views, the session record's stop reasons and the BMS simulator's behaviours: from their sources. */
export const SCREENS = VIEW_NAMES;
export const STOP_REASONS = stopReasonSchema.options;
export const BEHAVIOURS = ['normal', ...BMS_BEHAVIOR_NAMES] as const;
export const CREDENTIALS = ['card', 'fixed-password', 'vin', 'remote'] as const;

const department = obj(
  {
    key: KEY,
    name: TEXT,
    vinOnly: { type: 'boolean', description: 'mode 4: buses of this fleet charge by VIN alone' },
    stopPassword: DIGITS,
    poolFen: FEN,
    stations: list(KEY),
  },
  ['key', 'name'],
);
const station = obj({ key: KEY, name: TEXT, fenPerKwh: FEN, fixedPassword: DIGITS, administrator: { ...KEY, description: 'the member whose card charges every vehicle here (mode 1)' } }, [
  'key',
  'name',
]);
const vehicle = obj({ vin: VIN, plate: TEXT, department: KEY }, ['department']);
const member = obj({ key: KEY, name: TEXT, kind: { enum: ['real', 'virtual'], description: 'default real' }, department: KEY, cards: list(CARD), balanceFen: FEN }, ['key', 'name']);
const pile = obj({ id: PILE_ID, station: KEY, connectors: { type: 'integer', minimum: 1, maximum: 2 } }, ['id', 'station']);

const range = obj({ min: { type: 'integer' }, max: { type: 'integer' } });
const intOrRange = { anyOf: [{ type: 'integer' }, range] } as const;

const sessionExpect = obj(
  {
    at: AT,
    mode: { type: 'integer', minimum: 1, maximum: 4 },
    credential: { enum: CREDENTIALS },
    payer: { anyOf: [KEY, { const: 'member' }], description: 'a department key, or member (mode 1 by card)' },
    department: { anyOf: [KEY, { type: 'null' }], description: 'whose record the session is' },
    vin: { anyOf: [VIN, { type: 'null' }] },
    plate: { anyOf: [TEXT, { type: 'null' }] },
    energyWh: intOrRange,
    amountFen: intOrRange,
    stopReason: { enum: STOP_REASONS },
  },
  ['at'],
);

const expectation = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    at: AT,
    charging: { const: true, description: 'CRM 0xAA sent and the contactors closed' },
    refused: obj({ reason: { type: 'string' } }),
    screen: { enum: SCREENS },
    phase: { enum: PHASES },
    session: sessionExpect,
    pool: obj({ department: KEY, balanceFen: intOrRange }, ['department', 'balanceFen']),
    unknownVins: list(VIN),
    report: obj(
      {
        as: { anyOf: [KEY, { const: 'operator' }], description: "operator, or a department key: that fleet's account" },
        sessions: { type: 'integer', minimum: 0 },
        energyWh: intOrRange,
        amountFen: intOrRange,
      },
      ['as'],
    ),
    visibleSessions: obj({ as: { anyOf: [KEY, { const: 'operator' }] }, count: { type: 'integer', minimum: 0 } }, ['as', 'count']),
  },
} as const;

const STEP_KINDS = {
  plug: obj({ at: AT, vin: VIN, edition: { enum: ['2011', '2015'] }, behaviour: { enum: BEHAVIOURS }, targetSoc: { type: 'integer', minimum: 1, maximum: 100 } }, ['at']),
  unplug: obj({ at: AT }, ['at']),
  card: obj({ pile: PILE_ID, number: CARD }, ['pile', 'number']),
  press: obj({ at: AT, button: { enum: ['vin-charge'] } }, ['at', 'button']),
  password: obj({ at: AT, digits: DIGITS }, ['at', 'digits']),
  wait: obj({ at: AT, phase: { enum: PHASES }, screen: { enum: SCREENS }, withinS: SECONDS }, ['at']),
  charge: obj({ at: AT, wh: { type: 'integer', minimum: 1, maximum: 1_000_000 }, withinS: SECONDS }, ['at', 'wh']),
  api: obj({ as: { anyOf: [KEY, { const: 'operator' }] }, method: { enum: ['POST', 'PUT', 'PATCH', 'DELETE'] }, path: { type: 'string', pattern: '^/' }, body: { type: 'object' } }, [
    'method',
    'path',
  ]),
  'power-cut': obj({ pile: PILE_ID }, ['pile']),
  'power-on': obj({ pile: PILE_ID }, ['pile']),
  broker: { enum: ['down', 'up'] },
  meter: obj({ at: AT, fail: { type: 'boolean' } }, ['at', 'fail']),
  sleep: SECONDS,
  say: { ...TEXT, maxLength: 500, description: 'a line of narration, printed as the scenario reaches it' },
  together: {
    type: 'array',
    minItems: 2,
    maxItems: 16,
    description: 'sequences of steps played at the same time (e.g. one per connector); the step ends when every sequence has',
    items: { type: 'array', minItems: 1, items: { $ref: '#/definitions/step' } },
  },
  expect: expectation,
} as const;

export type StepKind = keyof typeof STEP_KINDS;
export const STEP_KIND_NAMES = Object.keys(STEP_KINDS) as StepKind[];

/** One step: an object with exactly one key, the step's kind. */
const step = { type: 'object', minProperties: 1, maxProperties: 1, additionalProperties: false, properties: STEP_KINDS } as const;

export const SCENARIO_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://pilegate.invalid/scenario.schema.json',
  title: 'pilegate scenario',
  definitions: { step },
  ...obj(
    {
      scenario: { ...TEXT, maxLength: 200, description: 'what the scenario proves, one line' },
      rules: list({ type: 'string', description: 'the rules of docs/charging-modes.md it covers, e.g. "mode 3: another fleet\'s bus is refused"' }),
      depot: obj({ departments: list(department), stations: list(station), vehicles: list(vehicle), members: list(member), piles: { ...list(pile), minItems: 1 } }, ['piles']),
      steps: { ...list({ $ref: '#/definitions/step' }), minItems: 1 },
    },
    ['scenario', 'depot', 'steps'],
  ),
} as const;
