// From a touch controller's raw axis values to logical screen pixels: scale each axis from the
// device's range (EVIOCGABS min/max, taken from configuration) to the panel, optionally swap or
// invert axes (panels mounted turned), then undo the profile's rotation (clockwise) so the point is
// in the same coordinates the views lay out in. Pure.

export interface AxisRange {
  readonly min: number;
  readonly max: number;
}

export interface TouchCalibration {
  readonly x: AxisRange;
  readonly y: AxisRange;
  /** The controller's X runs along the panel's height. */
  readonly swapXY?: boolean;
  readonly invertX?: boolean;
  readonly invertY?: boolean;
}

export interface TouchPanel {
  readonly width: number;
  readonly height: number;
  readonly rotation: 0 | 90 | 180 | 270;
}

/** The identity calibration: the controller reports panel pixels. */
export function pixelCalibration(p: TouchPanel): TouchCalibration {
  return { x: { min: 0, max: p.width - 1 }, y: { min: 0, max: p.height - 1 } };
}

function scale(v: number, r: AxisRange, size: number, invert: boolean): number {
  const span = r.max - r.min;
  let t = span === 0 ? 0 : (v - r.min) / span;
  t = Math.min(1, Math.max(0, t));
  if (invert) t = 1 - t;
  return Math.round(t * (size - 1));
}

/** Panel pixel of a raw point. */
export function toPanel(rawX: number, rawY: number, cal: TouchCalibration, p: TouchPanel): { x: number; y: number } {
  const [ax, ay] = cal.swapXY ? [rawY, rawX] : [rawX, rawY];
  const [rx, ry] = cal.swapXY ? [cal.y, cal.x] : [cal.x, cal.y];
  return { x: scale(ax, rx, p.width, cal.invertX ?? false), y: scale(ay, ry, p.height, cal.invertY ?? false) };
}

/** Logical screen pixel of a panel pixel (inverse of the display's clockwise rotation). */
export function panelToLogical(px: number, py: number, p: TouchPanel): { x: number; y: number } {
  switch (p.rotation) {
    case 0:
      return { x: px, y: py };
    case 90:
      return { x: py, y: p.width - 1 - px };
    case 180:
      return { x: p.width - 1 - px, y: p.height - 1 - py };
    case 270:
      return { x: p.height - 1 - py, y: px };
  }
}

export function mapTouch(rawX: number, rawY: number, cal: TouchCalibration, p: TouchPanel): { x: number; y: number } {
  const q = toPanel(rawX, rawY, cal, p);
  return panelToLogical(q.x, q.y, p);
}
