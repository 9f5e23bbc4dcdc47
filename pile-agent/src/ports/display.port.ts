// The display port (house rule R17): the draw list a pure view produces, the frame a renderer makes
// of it, and the dumb surface a frame is presented on (framebuffer, socket for external drivers, PNG).
// Types and interfaces only: no drawing library, no I/O. Coordinates are logical screen pixels,
// origin top left, after the profile's rotation (a 800×480 panel at rotation 90 is a 480×800 screen).

/** `#rrggbb`, lower or upper case. */
export type Color = `#${string}`;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One plain drawing operation; a renderer draws them in order, later ones on top. */
export type DrawOp =
  | { readonly op: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly fill: Color }
  | {
      readonly op: 'round-rect';
      readonly x: number;
      readonly y: number;
      readonly w: number;
      readonly h: number;
      readonly radius: number;
      readonly fill?: Color;
      readonly stroke?: Color;
      readonly lineWidth?: number;
    }
  | {
      /** `y` is the vertical centre of the line of text; `x` is its left, centre or right per `align`. */
      readonly op: 'text';
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly sizePx: number;
      readonly weight: 'normal' | 'bold';
      readonly align: 'left' | 'center' | 'right';
      readonly color: Color;
      /** The text is squeezed to fit this width. */
      readonly maxWidth?: number;
    }
  | { readonly op: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly color: Color; readonly lineWidth: number }
  | { readonly op: 'circle'; readonly cx: number; readonly cy: number; readonly r: number; readonly fill?: Color; readonly stroke?: Color; readonly lineWidth?: number }
  /** An open arc, clockwise from `startDeg` to `endDeg` (0° = 3 o'clock). */
  | { readonly op: 'arc'; readonly cx: number; readonly cy: number; readonly r: number; readonly startDeg: number; readonly endDeg: number; readonly color: Color; readonly lineWidth: number }
  /** A closed filled polygon: x0, y0, x1, y1, … */
  | { readonly op: 'polygon'; readonly points: readonly number[]; readonly fill: Color };

/** A named touch target: a press inside `rect` is the button `name` (e.g. `vin-charge`). */
export interface HitRegion {
  readonly name: string;
  readonly rect: Rect;
}

/** What a view produces: everything to draw on a `width`×`height` logical screen, and its buttons. */
export interface Scene {
  readonly view: string;
  readonly width: number;
  readonly height: number;
  readonly ops: readonly DrawOp[];
  readonly regions: readonly HitRegion[];
}

export type PixelFormat = 'RGB565' | 'XRGB8888';
export type Rotation = 0 | 90 | 180 | 270;

/** The physical panel: its native size and pixel format, and how the logical screen is turned on it (clockwise). */
export interface PanelGeometry {
  readonly width: number;
  readonly height: number;
  readonly pixelFormat: PixelFormat;
  readonly rotation: Rotation;
}

/** A rendered scene. `rgba` belongs to the renderer and is only valid until its next `render`. */
export interface Frame {
  readonly seq: number;
  readonly view: string;
  readonly width: number;
  readonly height: number;
  /** Premultiplied RGBA, `width * 4` bytes a row, the whole logical screen. */
  readonly rgba: Uint8Array;
  /** What changed since the renderer's previous frame: the whole screen for a new view, null when nothing did. */
  readonly dirty: Rect | null;
  /** The changed parts inside `dirty` when they are apart (e.g. several ticking figures); absent: all of `dirty`. */
  readonly dirtyRects?: readonly Rect[];
  readonly regions: readonly HitRegion[];
}

/** Rasterises scenes (drivers/display/canvas-renderer.ts is the one implementation). */
export interface FrameRenderer {
  /** Draws the scene; only the changed part is drawn and read back when the previous scene was similar. */
  render(scene: Scene): Frame;
}

/**
 * A surface frames are shown on. `present` must not keep `frame.rgba` beyond the call (copy what it
 * needs); it never throws for I/O trouble: it logs, raises `screen.unavailable` through its fault
 * sink and drops the frame. After `close` (idempotent) `present` does nothing.
 */
export interface DisplaySurface {
  readonly panel: PanelGeometry;
  present(frame: Frame): void;
  close(): Promise<void>;
}

/** The logical screen of a panel: width and height swap at rotation 90 and 270. */
export function logicalSize(panel: { width: number; height: number; rotation: Rotation }): { width: number; height: number } {
  return panel.rotation === 90 || panel.rotation === 270 ? { width: panel.height, height: panel.width } : { width: panel.width, height: panel.height };
}
