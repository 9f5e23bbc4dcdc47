// JSON schemas shared by the routes (request pieces and the response shapes). Response schemas
// double as a guard: fastify serialises only the listed properties, so write-only fields (stop and
// fixed passwords, secrets' hashes) can never leak. Data only.

export const nullable = (type: string) => ({ type: [type, 'null'] });

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

export const ledgerEntrySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: ['top-up', 'correction', 'session'] },
    amountFen: { type: 'integer' },
    balanceAfterFen: { type: 'integer' },
    note: nullable('string'),
    sessionId: nullable('string'),
    createdAt: { type: 'string' },
  },
} as const;

export const topUpBody = {
  type: 'object',
  required: ['amountFen'],
  additionalProperties: false,
  properties: { amountFen: { type: 'integer', description: 'positive, in fen (1 yuan = 100 fen)' }, note: { type: 'string', maxLength: 200 } },
} as const;

export const correctionBody = {
  type: 'object',
  required: ['amountFen', 'reason'],
  additionalProperties: false,
  properties: { amountFen: { type: 'integer', description: 'non-zero, either sign, in fen' }, reason: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export const departmentSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    parentId: nullable('integer'),
    vinOnly: { type: 'boolean' },
    floorFen: { type: 'integer' },
    balanceFen: { type: 'integer' },
    stopPasswordSet: { type: 'boolean' },
    stopPasswordVersion: { type: 'integer' },
    stationIds: { type: 'array', items: { type: 'integer' } },
  },
} as const;

export const memberSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: ['virtual', 'real'] },
    name: { type: 'string' },
    departmentId: nullable('integer'),
    balanceFen: { type: 'integer' },
    cards: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const tariffSchema = {
  type: 'object',
  required: ['fenPerKwh'],
  additionalProperties: false,
  properties: {
    fenPerKwh: { type: 'integer', minimum: 0, description: 'price outside any period, fen per kWh' },
    periods: {
      type: 'array',
      maxItems: 24,
      items: {
        type: 'object',
        required: ['name', 'start', 'end', 'fenPerKwh'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', enum: ['尖', '峰', '平', '谷'] },
          start: { type: 'string', description: 'HH:MM local time' },
          end: { type: 'string', description: 'HH:MM local time, exclusive; before start = wraps midnight' },
          fenPerKwh: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
} as const;

export const stationSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    adminMemberId: nullable('integer'),
    fixedPasswordSet: { type: 'boolean' },
    fixedPasswordVersion: { type: 'integer' },
    tariff: tariffSchema,
    pileIds: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const pileSchema = {
  type: 'object',
  properties: {
    pileId: { type: 'string' },
    stationId: { type: 'integer' },
    connectors: { type: 'integer' },
    maxPowerKw: { type: 'number' },
    createdAt: { type: 'string' },
    secret: { type: 'string', description: 'only in the registration/rotation reply; never shown again' },
  },
} as const;

export const vehicleSchema = {
  type: 'object',
  properties: {
    vin: { type: 'string' },
    plate: { type: 'string' },
    departmentId: { type: 'integer' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

export const accountSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    role: { type: 'string', enum: ['operator', 'fleet'] },
    departmentId: nullable('integer'),
    disabledAt: nullable('string'),
  },
} as const;

export const sessionSchema = {
  type: 'object',
  properties: {
    sessionId: { type: 'string' },
    pileId: { type: 'string' },
    connectorId: { type: 'integer' },
    stationId: { type: 'integer' },
    mode: { type: 'integer' },
    credentialKind: { type: 'string' },
    cardNo: nullable('string'),
    vin: nullable('string'),
    vinStatus: { type: 'string' },
    plate: nullable('string'),
    payerKind: { type: 'string' },
    payerId: { type: 'integer' },
    departmentId: nullable('integer'),
    meterStartWh: { type: 'integer' },
    meterStopWh: { type: 'integer' },
    energyWh: { type: 'integer' },
    amountFen: { type: 'integer' },
    billed: { type: 'boolean' },
    startedAt: { type: 'string' },
    stoppedAt: { type: 'string' },
    stopReason: { type: 'string' },
  },
} as const;

export const arrayOf = (items: object) => ({ type: 'array', items }) as const;
