// Every message of `pilegate/v1/piles/{pileId}/up|down/{kind}` (contract page
// pile-agent/docs/mqtt-contract.md): the envelope (`v` protocol version, `id` message id, `at` sender
// time, `re` the id of the request a reply answers) and one strict zod schema per kind and
// direction, validated on receipt by both sides with `decodeMessage`. Pure: zod only, no I/O.
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result.js';
import { sessionEventSchema } from './session-events.js';
import { isoUtcSchema, jsonShapeProblem, MAX_MESSAGE_BYTES, messageIdSchema, PROTOCOL_VERSION } from './wire-rules.js';
import type { Direction } from './topics.js';

const envelope = {
  v: z.literal(PROTOCOL_VERSION),
  id: messageIdSchema,
  at: isoUtcSchema,
};
const reply = { ...envelope, re: messageIdSchema };
const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const outbox = z.strictObject({ depth: z.number().int().min(0), oldestAt: isoUtcSchema.nullable() });
const text = (max: number) => z.string().max(max);

/** Pile → cloud, by kind. */
export const upSchemas = {
  /** First message after every (re)connect: what the pile holds. The cloud answers with pages and drains. */
  hello: z.strictObject({
    ...envelope,
    agentVersion: text(32),
    stationId: z.number().int().positive(),
    whitelistVersion: version,
    connectors: z.array(z.strictObject({ id: z.number().int().min(1).max(16), phase: text(32) })).max(16),
    outbox,
  }),
  /** Periodic heartbeat (`state: online`) and the Last Will the broker publishes when the pile drops (`offline`). */
  status: z.strictObject({ ...envelope, state: z.enum(['online', 'offline']), whitelistVersion: version.optional(), outbox: outbox.optional() }),
  /** Ask for changes after `fromVersion`: at start, after a gap or a malformed page, or for "sync now". */
  'whitelist/request': z.strictObject({ ...envelope, fromVersion: version, reason: z.enum(['start', 'gap', 'malformed', 'sync-now', 'storage']) }),
  /** A page was applied (or staged, for a snapshot part before the last); `version` is what the cache now holds. */
  'whitelist/ack': z.strictObject({ ...reply, version, staged: z.boolean().optional() }),
  /** Outbox records, oldest first per session: 1–500 events. */
  'session/events': z.strictObject({ ...envelope, events: z.array(sessionEventSchema).min(1).max(500) }),
  /** The outcome of a command. */
  'command/ack': z.strictObject({ ...reply, status: z.enum(['acknowledged', 'failed']), detail: text(256).optional() }),
  /** A downlink message the pile refused (malformed, wrong version, unknown kind). */
  error: z.strictObject({ ...envelope, re: messageIdSchema.nullable(), kind: text(64), reason: text(64), detail: text(512) }),
} as const;

/** Cloud → pile, by kind. */
export const downSchemas = {
  /** A whitelist page (whitelist-page.ts validates the page itself, after the envelope). */
  'whitelist/page': z.strictObject({ ...envelope, re: messageIdSchema.optional(), page: z.unknown() }),
  /**
   * The outcome of each event of one `session/events` message: the pile deletes the keys `applied`,
   * `duplicate` or `rejected`, and keeps a `deferred` one (held by the cloud, not yet applied) to send again.
   */
  'session/ack': z.strictObject({
    ...reply,
    results: z.array(z.strictObject({ key: z.string().min(3).max(80), status: z.enum(['applied', 'duplicate', 'rejected', 'deferred']), reason: text(256).optional() })).max(500),
  }),
  /** A command: stop a connector (or every connector) or resync now; answered by `command/ack`. */
  command: z.strictObject({
    ...envelope,
    command: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('stop'),
        connectorId: z.number().int().min(1).max(16).nullable(),
        reason: z.enum(['remote', 'cloud-veto']),
        detail: text(256).optional(),
        sessionId: z.uuid().optional(),
      }),
      z.strictObject({ kind: z.literal('sync') }),
    ]),
    expiresAt: isoUtcSchema,
  }),
  /** An uplink message the cloud refused, with why. */
  error: z.strictObject({ ...envelope, re: messageIdSchema.nullable(), kind: text(64), reason: text(64), detail: text(512) }),
} as const;

export type UpKind = keyof typeof upSchemas;
export type DownKind = keyof typeof downSchemas;
export type UpMessage<K extends UpKind = UpKind> = z.infer<(typeof upSchemas)[K]>;
export type DownMessage<K extends DownKind = DownKind> = z.infer<(typeof downSchemas)[K]>;
export type PileCommand = DownMessage<'command'>['command'];

export const UP_KINDS = Object.keys(upSchemas) as UpKind[];
export const DOWN_KINDS = Object.keys(downSchemas) as DownKind[];

/** Why a received payload was refused; `detail` names the field paths. */
export interface MessageRejection {
  readonly reason: 'oversized' | 'not-json' | 'unknown-kind' | 'unsupported-version' | 'invalid';
  readonly detail: string;
  /** The message id when it could be read (for an `error` reply's `re`). */
  readonly id: string | null;
}

const describe = (e: z.ZodError) =>
  e.issues
    .slice(0, 8)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');

/**
 * Decodes one received payload of `kind` in `direction`: size, JSON, protocol version, schema.
 * Never throws; a rejection says why (log it, answer `error`, never apply it).
 */
export function decodeMessage<D extends Direction>(
  direction: D,
  kind: string,
  payload: Uint8Array | string,
): Result<D extends 'up' ? { kind: UpKind; message: UpMessage } : { kind: DownKind; message: DownMessage }, MessageRejection> {
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
  if (size > MAX_MESSAGE_BYTES) return err({ reason: 'oversized', detail: `${size} bytes > ${MAX_MESSAGE_BYTES}`, id: null });
  const schemas: Record<string, z.ZodType> = direction === 'up' ? upSchemas : downSchemas;
  if (!Object.hasOwn(schemas, kind)) return err({ reason: 'unknown-kind', detail: `no ${direction} message of kind ${JSON.stringify(kind)}`, id: null });
  let json: unknown;
  try {
    json = JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch (e) {
    return err({ reason: 'not-json', detail: (e as Error).message.slice(0, 200), id: null });
  }
  const id =
    typeof json === 'object' && json !== null && typeof (json as { id?: unknown }).id === 'string' && messageIdSchema.safeParse((json as { id: string }).id).success
      ? (json as { id: string }).id
      : null;
  const v = typeof json === 'object' && json !== null ? (json as { v?: unknown }).v : undefined;
  if (v !== PROTOCOL_VERSION) return err({ reason: 'unsupported-version', detail: `v ${JSON.stringify(v)}; this side speaks v ${PROTOCOL_VERSION}`, id });
  const shape = jsonShapeProblem(json);
  if (shape) return err({ reason: 'invalid', detail: `(root): ${shape}`, id });
  const parsed = schemas[kind].safeParse(json);
  if (!parsed.success) return err({ reason: 'invalid', detail: describe(parsed.error), id });
  return ok({ kind, message: parsed.data } as never);
}

/** Serialises a message for publishing (the sender validated it by construction). */
export const encodeMessage = (message: UpMessage | DownMessage): string => JSON.stringify(message);
