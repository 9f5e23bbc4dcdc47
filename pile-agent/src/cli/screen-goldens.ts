// The golden screenshots in pile-agent/docs/screens: every sample view in Chinese at 800×480, the
// main ones in English, at 1024×600 and on a portrait (rotated) screen. `npx pile-agent screen docs`
// regenerates them; the README's "Screens" section shows them. Data plus one render helper.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CanvasRenderer } from '../drivers/display/canvas-renderer.js';
import { encodePng } from '../drivers/display/png-snapshot.js';
import { buildScene } from '../domain/screen/views/index.js';
import { SAMPLE_COMMON, SAMPLE_NAMES, VIEW_SAMPLES, type SampleName } from '../domain/screen/view-samples.js';
import type { Lang, ScreenState } from '../domain/screen/view-state.js';

export interface Golden {
  readonly sample: SampleName;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  readonly offline?: boolean;
}

const EN: SampleName[] = ['idle', 'charging', 'keypad', 'receipt', 'refused', 'fault'];
const SIZES: SampleName[] = ['idle', 'charging', 'keypad', 'refused'];

export const GOLDENS: readonly Golden[] = [
  ...SAMPLE_NAMES.map((sample) => ({ sample, lang: 'zh-CN' as const, width: 800, height: 480 })),
  { sample: 'idle', lang: 'zh-CN', width: 800, height: 480, offline: true },
  ...EN.map((sample) => ({ sample, lang: 'en' as const, width: 800, height: 480 })),
  ...SIZES.map((sample) => ({ sample, lang: 'zh-CN' as const, width: 1024, height: 600 })),
  ...SIZES.map((sample) => ({ sample, lang: 'zh-CN' as const, width: 480, height: 800 })),
];

export function goldenFile(g: Golden): string {
  return `${g.sample}${g.offline ? '-offline' : ''}.${g.lang === 'en' ? 'en' : 'zh'}.${g.width}x${g.height}.png`;
}

/** Renders every golden into `dir`; returns the file names written. */
export async function writeGoldens(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const renderers = new Map<string, CanvasRenderer>();
  const written: string[] = [];
  for (const g of GOLDENS) {
    const key = `${g.width}x${g.height}`;
    let r = renderers.get(key);
    if (!r) {
      r = await CanvasRenderer.create({ width: g.width, height: g.height });
      renderers.set(key, r);
    }
    const state: ScreenState = { common: { ...SAMPLE_COMMON, online: !g.offline }, view: VIEW_SAMPLES[g.sample] };
    const frame = r.render(buildScene(state, { width: g.width, height: g.height, lang: g.lang }));
    const file = goldenFile(g);
    writeFileSync(join(dir, file), encodePng(frame.rgba, frame.width, frame.height, undefined, 9));
    written.push(file);
  }
  return written;
}
