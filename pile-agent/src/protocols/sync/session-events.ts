// The session events a pile sends up (contract page "session/events"): each is one record of the
// pile's journal outbox, keyed `sessionId:seq`, applied by the cloud once by (pile, session, seq) and
// in seq order per session. `session.stopped` carries the finished-session record (session-record.ts);
// `session.refused` is an attempt refused before any session opened (unknown card, unbound
// department, cannot pay, …) under its own attempt id with seq 1. Pure: zod only.
import { z } from 'zod';
import { PILE_ID_PATTERN } from './topics.js';
import { sessionRecordSchema, vinStatusSchema } from './session-record.js';
import { cardNoSchema, idSchema, isoUtcSchema } from './wire-rules.js';

export const SESSION_EVENT_KINDS = ['session.started', 'session.vin', 'session.charging', 'session.meter', 'session.stop-requested', 'session.stopped', 'session.refused'] as const;
export type SessionEventKind = (typeof SESSION_EVENT_KINDS)[number];

const mode = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const wh = z.number().int().nonnegative();
/** The pile's payer / attribution as it decided them (ids as text); the cloud re-derives its own. */
const payer = z.object({ kind: z.enum(['member', 'department']), memberId: idSchema.optional(), departmentId: idSchema.optional() }).nullable();
const attribution = z.object({ kind: z.enum(['department', 'by-cloud']), departmentId: idSchema.optional() }).nullable();
const credentialKind = z.enum(['card', 'remote', 'fixed-password', 'vin-button']);
const reasonCode = z.string().min(1).max(64);

/**
 * The data of each event kind. Extra fields are allowed (a newer pile may add some) and dropped on
 * decoding (z.object strips them): what a receiver keeps is bounded by these schemas alone.
 */
export const sessionEventDataSchemas = {
  'session.started': z.object({
    mode,
    credential: z.object({ kind: credentialKind, cardNo: cardNoSchema.nullable() }),
    payer,
    attribution,
    meterStartWh: wh,
  }),
  'session.vin': z.object({
    vin: z.string().length(17).nullable(),
    vinStatus: vinStatusSchema,
    registered: z.boolean(),
    plate: z.string().min(1).max(32).nullable(),
    verdict: z.enum(['allow', 'refuse', 'ask-cloud']),
    reason: reasonCode.nullable(),
    mode: mode.nullable(),
    payer,
    attribution,
  }),
  'session.charging': z.object({ meterStartWh: wh }),
  'session.meter': z.object({ energyWh: wh, powerW: z.number().int().min(-10_000_000).max(10_000_000) }),
  'session.stop-requested': z.object({ reason: reasonCode.nullable(), detail: z.string().max(256).nullable(), source: z.enum(['pile', 'bms', 'cloud']) }),
  'session.stopped': sessionRecordSchema,
  'session.refused': z.strictObject({
    credential: z.strictObject({ kind: credentialKind, cardNo: cardNoSchema.nullable() }),
    vin: z.string().length(17).nullable(),
    vinStatus: vinStatusSchema.nullable(),
    reason: reasonCode,
    mode: mode.nullable(),
    departmentId: idSchema.nullable(),
  }),
} satisfies { [K in SessionEventKind]: z.ZodType };

const eventBase = {
  /** `sessionId:seq`: the outbox key, the idempotency key of the event. */
  key: z.string().min(3).max(80),
  pileId: z.string().regex(PILE_ID_PATTERN, 'pile id'),
  connectorId: z.number().int().min(1).max(16),
  sessionId: z.uuid(),
  seq: z.number().int().min(1).max(1_000_000),
  /** When the pile journaled it (the pile's clock). */
  at: isoUtcSchema,
};

const eventOf = <K extends SessionEventKind>(kind: K) => z.strictObject({ ...eventBase, kind: z.literal(kind), data: sessionEventDataSchemas[kind] });

export const sessionEventSchema = z
  .discriminatedUnion('kind', [
    eventOf('session.started'),
    eventOf('session.vin'),
    eventOf('session.charging'),
    eventOf('session.meter'),
    eventOf('session.stop-requested'),
    eventOf('session.stopped'),
    eventOf('session.refused'),
  ])
  .superRefine((e, ctx) => {
    if (e.key !== `${e.sessionId}:${e.seq}`) ctx.addIssue({ code: 'custom', path: ['key'], message: 'key must be sessionId:seq' });
    if (e.kind === 'session.stopped' && (e.data.sessionId !== e.sessionId || e.data.pileId !== e.pileId || e.data.connectorId !== e.connectorId))
      ctx.addIssue({ code: 'custom', path: ['data'], message: 'the record names another session, pile or connector than its event' });
    if (e.kind === 'session.refused' && e.seq !== 1) ctx.addIssue({ code: 'custom', path: ['seq'], message: 'a refusal is seq 1 of its own attempt id' });
    if ((e.kind === 'session.started') !== (e.seq === 1) && e.kind !== 'session.refused')
      ctx.addIssue({ code: 'custom', path: ['seq'], message: 'a session opens with session.started at seq 1, and only there' });
  });

export type SessionEvent = z.infer<typeof sessionEventSchema>;
