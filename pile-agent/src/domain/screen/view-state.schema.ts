// zod schemas of the view states, for view states that arrive as text (`screen render --state JSON`,
// the socket's test hooks): a bad field is a clear error naming its path, never a broken screen.
import { z } from 'zod';
import { stopReasonSchema } from '../../protocols/sync/session-record.js';
import type { ScreenState, ViewState } from './view-state.js';
import { ok, err, type Result } from '../../shared/result.js';

const connectorId = z.int().min(1).max(16);
const method = z.enum(['card', 'vin-button', 'password']);
const nonNegInt = z.int().min(0);
const vin = z.string().max(17).nullable();

export const viewStateSchema = z.discriminatedUnion('view', [
  z.object({
    view: z.literal('idle'),
    connectors: z
      .array(z.object({ id: connectorId, status: z.enum(['available', 'plugged', 'charging', 'finishing', 'faulted', 'unavailable']) }))
      .min(1)
      .max(4),
    selectedConnectorId: connectorId,
    vinCharge: z.boolean(),
    fixedPassword: z.boolean(),
  }),
  z.object({ view: z.literal('connecting'), connectorId, method, step: z.enum(['tap-card', 'plug-in', 'reading-vin']) }),
  z.object({ view: z.literal('authorizing'), connectorId, method, vin: vin.optional(), plate: z.string().max(16).nullable().optional() }),
  z.object({
    view: z.literal('charging'),
    connectorId,
    plate: z.string().max(16).nullable(),
    vin,
    energyWh: nonNegInt,
    powerW: z.int(),
    voltageMv: z.int(),
    currentMa: z.int(),
    socPct: z.number().min(0).max(100).nullable(),
    elapsedS: nonNegInt,
    costFen: nonNegInt.nullable(),
  }),
  z.object({
    view: z.literal('keypad'),
    connectorId,
    purpose: z.enum(['stop', 'start']),
    digitCount: nonNegInt,
    maxDigits: z.int().min(1).max(12),
    triesLeft: nonNegInt.nullable(),
    lockedForS: nonNegInt.nullable(),
  }),
  z.object({
    view: z.literal('receipt'),
    connectorId,
    plate: z.string().max(16).nullable(),
    vin,
    energyWh: nonNegInt,
    durationS: nonNegInt,
    costFen: nonNegInt.nullable(),
    stopReason: stopReasonSchema,
  }),
  z.object({ view: z.literal('refused'), connectorId, reason: z.string().min(1).max(64), vin: vin.optional(), cardNo: z.string().max(32).nullable().optional() }),
  z.object({ view: z.literal('fault'), connectorId: connectorId.nullable(), faults: z.array(z.string().min(1).max(64)).max(16) }),
  z.object({ view: z.literal('maintenance'), message: z.string().max(80).nullable().optional(), until: z.string().max(16).nullable().optional() }),
]);

export const screenCommonSchema = z.object({ title: z.string().max(40), titleEn: z.string().max(40).optional(), online: z.boolean(), clock: z.string().max(8).optional() });

/** Checks an untrusted view state; the error lists every bad field as `path: message`. */
export function parseViewState(input: unknown): Result<ViewState, string> {
  const r = viewStateSchema.safeParse(input);
  if (r.success) return ok(r.data as ViewState);
  return err(r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
}

export function parseScreenState(input: unknown): Result<ScreenState, string> {
  const r = z.object({ common: screenCommonSchema, view: viewStateSchema }).safeParse(input);
  if (r.success) return ok(r.data as ScreenState);
  return err(r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
}
