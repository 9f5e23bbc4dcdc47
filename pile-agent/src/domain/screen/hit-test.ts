// Which named button a point is on, and the checks every scene's buttons must pass: inside the
// screen, no two overlapping, names unique. Pure.
import type { HitRegion, Rect, Scene } from '../../ports/display.port.js';

export function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/** The topmost region at (x, y) (later regions are drawn later), or null. */
export function regionAt(regions: readonly HitRegion[], x: number, y: number): HitRegion | null {
  for (let i = regions.length - 1; i >= 0; i--) if (contains(regions[i].rect, x, y)) return regions[i];
  return null;
}

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Problems with a scene's hit regions; empty when every button is inside, unique and apart. */
export function regionProblems(scene: Scene): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  scene.regions.forEach((r, i) => {
    const { x, y, w, h } = r.rect;
    if (seen.has(r.name)) out.push(`${r.name}: name used twice`);
    seen.add(r.name);
    if (w <= 0 || h <= 0) out.push(`${r.name}: empty rectangle`);
    if (x < 0 || y < 0 || x + w > scene.width || y + h > scene.height) out.push(`${r.name}: outside the ${scene.width}×${scene.height} screen`);
    for (const o of scene.regions.slice(i + 1)) if (overlap(r.rect, o.rect)) out.push(`${r.name} overlaps ${o.name}`);
  });
  return out;
}
