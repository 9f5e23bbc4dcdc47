// The finished-session record a pile reports to the cloud (docs/charging-modes.md rule 6, contract page
// "session/events"): one zod schema, shared by the pile (which builds it) and the cloud (whose ingest
// validates it). It is the data of the `session.stopped` event. Pure: zod only, no node:*. Energy in
// integer Wh, times ISO 8601 UTC, registry ids as text (wire-rules.ts).
import { z } from 'zod';
import { PILE_ID_PATTERN } from './topics.js';
import { cardNoSchema, idSchema, isoUtcSchema } from './wire-rules.js';

export const SESSION_RECORD_VERSION = 1;

export { CARD_NO_PATTERN } from './wire-rules.js';

export const credentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('card'), cardNo: cardNoSchema }),
  z.object({ kind: z.literal('password') }), // the station's fixed password (mode 1)
  z.object({ kind: z.literal('vin-button') }), // the screen's "VIN充电" button (mode 4)
  z.object({ kind: z.literal('remote') }), // started by the cloud
]);

export const payerSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('member'), memberId: idSchema }), z.object({ kind: z.literal('department'), departmentId: idSchema })]);

export const stopReasonSchema = z.enum([
  'user-card', // the same card presented again
  'stop-password', // the department's stop password (mode 4), as valid when the session started
  'fixed-password', // the station's fixed password typed again (mode 1)
  'bms-full', // BMS reported the battery full / target reached
  'bms-stop', // BMS ended the session (BST)
  'vin-refused', // VIN check failed (modes 3 and 4): ended before CRM 0xAA, no energy
  'cloud-veto', // the cloud stopped it (its own re-check disagreed)
  'remote', // remote stop command of an operator
  'fault', // a charger fault
  'power-loss', // closed after a power cut from the last meter reading
  'unplugged',
  'other',
]);

export const vinStatusSchema = z.enum(['valid', 'bad-check-digit', 'absent', 'malformed']);

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
    vinStatus: vinStatusSchema,
    plate: z.string().min(1).max(16).nullable(),
    /** Null only for a session refused at the VIN (mode 4 has no payer before the VIN is accepted). */
    payer: payerSchema.nullable(),
    attributedDepartmentId: idSchema.nullable(),
    meterStartWh: z.number().int().nonnegative(),
    meterStopWh: z.number().int().nonnegative(),
    startedAt: isoUtcSchema,
    stoppedAt: isoUtcSchema,
    stopReason: stopReasonSchema,
  })
  .superRefine((r, ctx) => {
    if (r.meterStopWh < r.meterStartWh) ctx.addIssue({ code: 'custom', path: ['meterStopWh'], message: 'meterStopWh is below meterStartWh' });
    if (Date.parse(r.stoppedAt) < Date.parse(r.startedAt)) ctx.addIssue({ code: 'custom', path: ['stoppedAt'], message: 'stoppedAt is before startedAt' });
    if ((r.vinStatus === 'absent' || r.vinStatus === 'malformed') !== (r.vin === null))
      ctx.addIssue({ code: 'custom', path: ['vin'], message: 'vin must be null exactly when vinStatus is absent or malformed' });
    if (r.payer === null && r.stopReason !== 'vin-refused') ctx.addIssue({ code: 'custom', path: ['payer'], message: 'payer may be null only when stopReason is vin-refused' });
    if (r.stopReason === 'vin-refused' && r.meterStopWh !== r.meterStartWh) ctx.addIssue({ code: 'custom', path: ['meterStopWh'], message: 'a session refused at the VIN delivers no energy' });
  });

export type SessionRecord = z.infer<typeof sessionRecordSchema>;
export type SessionCredential = z.infer<typeof credentialSchema>;
export type SessionPayer = z.infer<typeof payerSchema>;
export type StopReason = z.infer<typeof stopReasonSchema>;
