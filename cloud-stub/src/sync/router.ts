// The uplink router: one received MQTT message → topic check, contract decoding (size, JSON,
// version, schema), then the handler of its kind. Every refusal is logged with its reason and
// answered on the pile's `down/error`; nothing refused is applied; a handler that throws is logged
// and answered with `error` (reason `internal`), so a pile never resends a poison message blindly,
// and the sync goes on.
import { decodeMessage, parsePileTopic, type UpKind, type UpMessage } from '../../../pile-agent/contract.js';
import { envelope, type SyncContext } from './sync-context.js';

export type Handlers = { [K in UpKind]: (pileId: string, message: UpMessage<K>) => void };

export function routeUplink(ctx: SyncContext, handlers: Handlers, topic: string, payload: Uint8Array): void {
  const t = parsePileTopic(topic);
  if (t?.direction !== 'up') {
    ctx.log('warn', { topic }, 'message on a topic outside the contract ignored');
    return;
  }
  const decoded = decodeMessage('up', t.kind, payload);
  if (!decoded.ok) {
    ctx.log('warn', { pileId: t.pileId, kind: t.kind, messageId: decoded.error.id, reason: decoded.error.reason, detail: decoded.error.detail.slice(0, 512) }, 'uplink message refused');
    if (t.kind !== 'error') ctx.send(t.pileId, 'error', { ...envelope(ctx.clock), re: decoded.error.id, kind: t.kind, reason: decoded.error.reason, detail: decoded.error.detail.slice(0, 512) });
    return;
  }
  try {
    (handlers[decoded.value.kind] as (pileId: string, m: UpMessage) => void)(t.pileId, decoded.value.message);
  } catch (e) {
    const id = (decoded.value.message as { id: string }).id;
    ctx.log('error', { pileId: t.pileId, kind: t.kind, messageId: id, err: (e as Error).message }, 'uplink handler failed');
    if (t.kind !== 'error') ctx.send(t.pileId, 'error', { ...envelope(ctx.clock), re: id, kind: t.kind, reason: 'internal', detail: 'the cloud could not process this message; it was not applied' });
  }
}
