// `pile-agent screen render`: draws one view to a PNG for designers and touchscreen-driver developers,
// at a profile's screen size and rotation (or --size/--rotation), in zh or en, from a sample state or
// --state JSON merged over it; `pile-agent screen docs` regenerates the golden PNGs in docs/screens;
// `pile-agent screen serve` (screen-serve.ts) runs the screen stack alone for bring-up.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CanvasRenderer } from '../drivers/display/canvas-renderer.js';
import { encodePng } from '../drivers/display/png-snapshot.js';
import { buildScene } from '../domain/screen/views/index.js';
import { parseLang } from '../domain/screen/i18n/index.js';
import { isSampleName, SAMPLE_COMMON, SAMPLE_NAMES, VIEW_SAMPLES } from '../domain/screen/view-samples.js';
import { parseScreenState } from '../domain/screen/view-state.schema.js';
import { writeGoldens } from './screen-goldens.js';
import { registerServe } from './screen-serve.js';
import { geometry } from './screen-geometry.js';

export interface RenderArgs {
  profile?: string;
  size?: string;
  rotation?: string;
  view: string;
  lang?: string;
  state?: string;
  offline?: boolean;
  out: string;
}

function readState(arg: string | undefined): Record<string, unknown> {
  if (!arg) return {};
  const text = arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`--state is not JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('--state must be a JSON object');
  return v as Record<string, unknown>;
}

/** Renders the PNG bytes for the arguments; throws an Error with a clear message on bad input. */
export async function renderToPng(a: RenderArgs): Promise<{ png: Buffer; width: number; height: number }> {
  const lang = parseLang(a.lang ?? 'zh');
  if (!lang) throw new Error(`--lang must be zh or en, got ${a.lang}`);
  if (!isSampleName(a.view)) throw new Error(`unknown view ${a.view}; views: ${SAMPLE_NAMES.join(', ')}`);
  const g = geometry(a);
  const { common, ...overrides } = readState(a.state);
  const sample: Record<string, unknown> = { ...VIEW_SAMPLES[a.view] };
  if (sample.view === 'idle' && g.vinCharge !== null) sample.vinCharge = g.vinCharge;
  const parsed = parseScreenState({
    common: { ...SAMPLE_COMMON, ...(a.offline ? { online: false } : {}), ...(typeof common === 'object' ? common : {}) },
    view: { ...sample, ...overrides },
  });
  if (!parsed.ok) throw new Error(`bad --state: ${parsed.error}`);
  const renderer = await CanvasRenderer.create({ width: g.width, height: g.height });
  const frame = renderer.render(buildScene(parsed.value, { width: g.width, height: g.height, lang }));
  return { png: encodePng(frame.rgba, frame.width, frame.height), width: g.width, height: g.height };
}

const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screens');

export function register(program: Command): void {
  const screen = program.command('screen').description('the touchscreen: render views to PNG, regenerate the golden screenshots');
  screen
    .command('render')
    .description('render one view to a PNG')
    .requiredOption('--view <name>', `view or sample: ${SAMPLE_NAMES.join(', ')}`)
    .requiredOption('--out <file>', 'PNG file to write')
    .option('--profile <id>', 'hw-profiles charger profile (screen size, rotation, features.vinCharge)')
    .option('--size <WxH>', 'panel size when no --profile is given', '800x480')
    .option('--rotation <deg>', 'panel rotation when no --profile is given: 0, 90, 180, 270', '0')
    .option('--lang <zh|en>', 'language', 'zh')
    .option('--state <json>', 'view state fields (JSON, or @file) merged over the sample; "common" sets the header')
    .option('--offline', 'show the offline badge')
    .action(async (o: RenderArgs) => {
      try {
        const r = await renderToPng(o);
        writeFileSync(o.out, r.png);
        console.log(`wrote ${o.out} (${r.width}×${r.height}, ${r.png.length} bytes)`);
      } catch (e) {
        console.error(`screen render: ${(e as Error).message}`);
        process.exitCode = 1;
      }
    });
  screen
    .command('docs')
    .description('regenerate the golden PNGs of every view (pile-agent/docs/screens)')
    .option('--out-dir <dir>', 'where to write them', DOCS_DIR)
    .action(async (o: { outDir: string }) => {
      const files = await writeGoldens(o.outDir);
      console.log(`wrote ${files.length} PNGs to ${o.outDir}`);
    });
  registerServe(screen);
}
