// The touchscreen-driver protocol (pilegate-screen/1; pile-agent/README.md "Touchscreen-driver
// protocol"): newline-delimited JSON over a local socket. Message types both ways, the check of
// inbound lines, and the frame encodings (PNG, raw RGB565 little-endian, or a notice only). No I/O.
import type { Frame, HitRegion, PanelGeometry, Rect } from '../../ports/display.port.js';
import { ok, type DecodeError, type Result } from '../../shared/result.js';
import { encodePng } from './png-snapshot.js';

export const SCREEN_PROTOCOL = 'pilegate-screen/1';
/** Longest inbound line accepted (bytes); a longer one closes the connection. */
export const MAX_LINE_BYTES = 64 * 1024;

export type FrameEncoding = 'png' | 'rgb565' | 'none';

export interface WireRegion extends Rect {
  readonly name: string;
}

export type ServerMessage =
  | {
      readonly type: 'hello';
      readonly protocol: typeof SCREEN_PROTOCOL;
      /** The logical screen all coordinates are in. */
      readonly width: number;
      readonly height: number;
      readonly panel: PanelGeometry;
      readonly view: string | null;
      readonly seq: number;
      readonly regions: readonly WireRegion[];
      readonly encoding: FrameEncoding;
    }
  | {
      readonly type: 'frame';
      readonly seq: number;
      readonly view: string;
      /** True when `rect` is the whole screen (a new view, a snapshot, the first frame). */
      readonly full: boolean;
      readonly rect: Rect;
      readonly encoding: FrameEncoding;
      /** base64 of the PNG of `rect`, or of its RGB565 pixels row by row; absent for `none`. */
      readonly data?: string;
      readonly regions: readonly WireRegion[];
    }
  | { readonly type: 'ack'; readonly id: number | null }
  | { readonly type: 'error'; readonly id: number | null; readonly code: 'bad-message' | 'unknown-button' | 'out-of-screen'; readonly message: string };

export type ClientMessage =
  | { readonly type: 'subscribe'; readonly id: number | null; readonly encoding: FrameEncoding }
  | { readonly type: 'press'; readonly id: number | null; readonly name: string }
  | { readonly type: 'touch'; readonly id: number | null; readonly phase: 'down' | 'move' | 'up'; readonly x: number; readonly y: number }
  | { readonly type: 'snapshot'; readonly id: number | null };

const ENCODINGS: readonly FrameEncoding[] = ['png', 'rgb565', 'none'];

/** Checks one inbound line; a bad line is a named error (`bad-message`), never an exception. */
export function parseClientLine(line: string): Result<ClientMessage, DecodeError & { id: number | null }> {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { ok: false, error: { code: 'bad-message', message: 'not JSON', id: null } };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: { code: 'bad-message', message: 'not a JSON object', id: null } };
  const m = v as Record<string, unknown>;
  const id = Number.isInteger(m.id) ? (m.id as number) : null;
  const bad = (message: string) => ({ ok: false as const, error: { code: 'bad-message', message, id } });
  switch (m.type) {
    case 'subscribe':
      if (!ENCODINGS.includes(m.encoding as FrameEncoding)) return bad(`encoding must be one of ${ENCODINGS.join(', ')}`);
      return ok({ type: 'subscribe', id, encoding: m.encoding as FrameEncoding });
    case 'press':
      if (typeof m.name !== 'string' || m.name.length === 0 || m.name.length > 64) return bad('press needs a button name');
      return ok({ type: 'press', id, name: m.name });
    case 'touch':
      if (m.phase !== 'down' && m.phase !== 'move' && m.phase !== 'up') return bad('touch phase must be down, move or up');
      if (!Number.isFinite(m.x) || !Number.isFinite(m.y)) return bad('touch needs numeric x and y');
      return ok({ type: 'touch', id, phase: m.phase, x: Math.round(m.x as number), y: Math.round(m.y as number) });
    case 'snapshot':
      return ok({ type: 'snapshot', id });
    default:
      return bad(`unknown message type ${JSON.stringify(m.type)}`);
  }
}

export function wireRegions(regions: readonly HitRegion[]): WireRegion[] {
  return regions.map((r) => ({ name: r.name, x: r.rect.x, y: r.rect.y, w: r.rect.w, h: r.rect.h }));
}

/** RGB565 little-endian bytes of `rect` of an RGBA frame (logical orientation, rows top to bottom). */
export function rgb565Rect(rgba: Uint8Array, width: number, rect: Rect): Buffer {
  const out = Buffer.alloc(rect.w * rect.h * 2);
  let o = 0;
  for (let y = rect.y; y < rect.y + rect.h; y++)
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      const i = (y * width + x) * 4;
      const v = ((rgba[i] & 0xf8) << 8) | ((rgba[i + 1] & 0xfc) << 3) | (rgba[i + 2] >> 3);
      out[o++] = v & 0xff;
      out[o++] = v >> 8;
    }
  return out;
}

/** The `frame` message for `rect` of a frame in one encoding. */
export function frameMessage(frame: Pick<Frame, 'seq' | 'view' | 'width' | 'height' | 'rgba' | 'regions'>, rect: Rect, encoding: FrameEncoding): ServerMessage {
  const full = rect.x === 0 && rect.y === 0 && rect.w === frame.width && rect.h === frame.height;
  const data =
    encoding === 'png'
      ? encodePng(frame.rgba, frame.width, frame.height, rect, 1).toString('base64')
      : encoding === 'rgb565'
        ? rgb565Rect(frame.rgba, frame.width, rect).toString('base64')
        : undefined;
  return { type: 'frame', seq: frame.seq, view: frame.view, full, rect, encoding, ...(data !== undefined ? { data } : {}), regions: wireRegions(frame.regions) };
}

export function serverLine(m: ServerMessage): string {
  return `${JSON.stringify(m)}\n`;
}
