// The finished-session record a pile reports to the cloud (MODES.md rule 6, DESIGN.md "Session
// events"): one zod schema, shared by the pile (which builds it) and the cloud (whose ingest
// validates it). Pure: zod only, no node:*. Energy in integer Wh, times ISO 8601 UTC.
import { z } from 'zod';
import { PILE_ID_PATTERN } from './topics.js';

export const SESSION_RECORD_VERSION = 1;

/** ISO 8601 UTC with a `Z` suffix, e.g. `2024-05-01T08:30:00Z` or with milliseconds. */
const isoUtc = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'ISO 8601 UTC time ending in Z').refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');

/** A card number as the reader codec canonicalises it: upper-case hex/alphanumerics, no separators. */
export const CARD_NO_PATTERN = /^[0-9A-Z]{4,32}$/;

export const credentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('card'), cardNo: z.string().regex(CARD_NO_PATTERN, 'card number: 4–32 of 0-9 A-Z') }),
  z.object({ kind: z.literal('password') }), // the station's fixed password (mode 1)
  z.object({ kind: z.literal('vin-button') }), // the screen's "VIN充电" button (mode 4)
  z.object({ kind: z.literal('remote') }), // started by the cloud
]);

export const payerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member'), memberId: z.number().int().positive() }),
  z.object({ kind: z.literal('department'), departmentId: z.number().int().positive() }),
]);

export const stopReasonSchema = z.enum([
  'user-card', // the same card presented again
  'stop-password', // the department's stop password (mode 4), as valid when the session started
  'bms-full', // BMS reported the battery full / target reached
  'bms-stop', // BMS ended the session (BST)
  'vin-refused', // VIN check failed (modes 3 and 4)
  'cloud-veto', // the cloud stopped it
  'remote', // remote stop command
  'fault', // a charger fault
  'power-loss', // closed after a power cut from the last meter reading
  'unplugged',
  'other',
]);

export const sessionRecordSchema = z
  .object({
    version: z.literal(SESSION_RECORD_VERSION),
    sessionId: z.uuid(),
    pileId: z.string().regex(PILE_ID_PATTERN, 'pile id'),
    connectorId: z.number().int().min(1).max(16),
    stationId: z.number().int().positive(),
    mode: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    credential: credentialSchema,
    vin: z.string().length(17).nullable(),
    vinStatus: z.enum(['valid', 'bad-check-digit', 'absent', 'malformed']),
    plate: z.string().min(1).max(16).nullable(),
    payer: payerSchema,
    attributedDepartmentId: z.number().int().positive().nullable(),
    meterStartWh: z.number().int().nonnegative(),
    meterStopWh: z.number().int().nonnegative(),
    startedAt: isoUtc,
    stoppedAt: isoUtc,
    stopReason: stopReasonSchema,
  })
  .superRefine((r, ctx) => {
    if (r.meterStopWh < r.meterStartWh) ctx.addIssue({ code: 'custom', path: ['meterStopWh'], message: 'meterStopWh is below meterStartWh' });
    if (Date.parse(r.stoppedAt) < Date.parse(r.startedAt)) ctx.addIssue({ code: 'custom', path: ['stoppedAt'], message: 'stoppedAt is before startedAt' });
    if ((r.vinStatus === 'absent' || r.vinStatus === 'malformed') !== (r.vin === null))
      ctx.addIssue({ code: 'custom', path: ['vin'], message: 'vin must be null exactly when vinStatus is absent or malformed' });
  });

export type SessionRecord = z.infer<typeof sessionRecordSchema>;
export type SessionCredential = z.infer<typeof credentialSchema>;
export type SessionPayer = z.infer<typeof payerSchema>;
export type StopReason = z.infer<typeof stopReasonSchema>;
