// JSON schemas of the pile-sync routes' replies (pile state, commands, unknown VINs, refusals), in the
// style of schemas.ts: fastify serialises only the listed properties. Data only.
import { nullable } from './schemas.js';

export const pileStateSchema = {
  type: 'object',
  properties: {
    pileId: { type: 'string' },
    stationId: { type: 'integer' },
    connectors: { type: 'integer' },
    createdAt: { type: 'string' },
    online: { type: 'boolean', description: 'connected to the broker now (per the sync)' },
    lastSeenAt: { ...nullable('string'), description: 'last message from the pile; null = never' },
    whitelistVersion: { type: 'integer', description: 'the station view version the pile acknowledged (0 = never synced)' },
    stationVersion: { type: 'integer', description: "the latest version of the pile's station view" },
    behind: { type: 'integer', description: 'stationVersion − whitelistVersion' },
    clockSkewMs: { ...nullable('integer'), description: 'pile clock minus cloud clock at its last hello/status' },
    outboxDepth: { ...nullable('integer'), description: 'session events waiting on the pile' },
    outboxOldestAt: nullable('string'),
    agentVersion: nullable('string'),
  },
} as const;

export const commandStates = ['sent', 'acknowledged', 'failed', 'expired'] as const;

export const pileCommandSchema = {
  type: 'object',
  properties: {
    commandId: { type: 'string' },
    pileId: { type: 'string' },
    kind: { type: 'string', enum: ['stop', 'sync'] },
    connectorId: { ...nullable('integer'), description: 'stop: the connector; null = every connector' },
    reason: { type: 'string', description: 'remote (an operator) | cloud-veto | sync' },
    sessionId: nullable('string'),
    state: { type: 'string', enum: commandStates, description: 'sent → acknowledged | failed | expired' },
    detail: nullable('string'),
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    expiresAt: { type: 'string' },
  },
} as const;

export const unknownVinSchema = {
  type: 'object',
  properties: {
    vin: { type: 'string' },
    stationId: { type: 'integer' },
    stationName: nullable('string'),
    pileId: { type: 'string' },
    firstAt: { type: 'string' },
    lastAt: { type: 'string' },
    count: { type: 'integer' },
    lastOutcome: { type: 'string', enum: ['charged-unattributed', 'refused'] },
  },
} as const;

export const refusalSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'the attempt id, or the session id when refused at the VIN' },
    pileId: { type: 'string' },
    connectorId: { type: 'integer' },
    stationId: { type: 'integer' },
    at: { type: 'string' },
    credentialKind: { type: 'string' },
    cardNo: nullable('string'),
    vin: nullable('string'),
    vinStatus: nullable('string'),
    reason: { type: 'string' },
    mode: nullable('integer'),
    departmentId: nullable('integer'),
    receivedAt: { type: 'string' },
  },
} as const;
