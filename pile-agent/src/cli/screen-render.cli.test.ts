// `pile-agent screen render` as a real process and as a function (profile sizes, rotation, --state,
// clear errors), and the golden PNGs in docs/screens: present, referenced in the README, current.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CanvasRenderer } from '../drivers/display/canvas-renderer.js';
import { decodePng } from '../drivers/display/png-decode.js';
import { buildScene } from '../domain/screen/views/index.js';
import { SAMPLE_COMMON, SAMPLE_NAMES, VIEW_SAMPLES } from '../domain/screen/view-samples.js';
import { GOLDENS, goldenFile } from './screen-goldens.js';
import { renderToPng } from './screen-render.cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const docs = join(root, 'pile-agent/docs/screens');
const size = (png: Buffer) => {
  const d = decodePng(png);
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
};

describe('pile-agent screen render (real process)', () => {
  it('renders the sim profile idle view to a PNG; exit 0', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'screen-')), 'idle.png');
    const r = spawnSync(process.execPath, [join(root, 'bin/pile-agent.js'), 'screen', 'render', '--profile', 'sim', '--view', 'idle', '--lang', 'en', '--out', out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/wrote .*idle\.png \(800×480/);
    expect(size(readFileSync(out))).toMatchObject({ width: 800, height: 480 });
  });

  it('a bad --state is a clear error and exit 1, no file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'screen-')), 'x.png');
    const r = spawnSync(process.execPath, [join(root, 'bin/pile-agent.js'), 'screen', 'render', '--size', '800x480', '--view', 'charging', '--state', '{"energyWh": 1.5}', '--out', out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad --state: view\.energyWh: .*expected int/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('renderToPng', () => {
  it('--size and --rotation: a 800×480 panel at rotation 90 renders a 480×800 portrait screen', async () => {
    const r = await renderToPng({ size: '800x480', rotation: '90', view: 'charging', out: '' });
    expect(size(r.png)).toMatchObject({ width: 480, height: 800 });
    const big = await renderToPng({ size: '1024x600', view: 'idle', out: '' });
    expect(size(big.png)).toMatchObject({ width: 1024, height: 600 });
  });

  it('--state fields merge over the sample and change the picture', async () => {
    const a = size((await renderToPng({ view: 'charging', out: '' })).png);
    const b = size((await renderToPng({ view: 'charging', state: '{"energyWh": 1000, "common": {"online": false}}', out: '' })).png);
    expect(Buffer.compare(Buffer.from(a.rgba), Buffer.from(b.rgba))).not.toBe(0);
  });

  it.each([
    [{ view: 'nope' }, /unknown view nope; views: idle/],
    [{ view: 'idle', lang: 'fr' }, /--lang must be zh or en/],
    [{ view: 'idle', size: '800*480' }, /--size must look like 800x480/],
    [{ view: 'idle', rotation: '45' }, /--rotation must be 0, 90, 180 or 270/],
    [{ view: 'idle', state: '{oops' }, /--state is not JSON/],
    [{ view: 'idle', state: '{"view": "charging"}' }, /bad --state/],
    [{ view: 'idle', profile: 'no-such-profile' }, /no-such-profile/],
  ])('%j → %s', async (args, message) => {
    await expect(renderToPng({ out: '', ...args })).rejects.toThrow(message);
  });
});

describe('golden PNGs (pile-agent/docs/screens; regenerate with `npx pile-agent screen docs`)', () => {
  it('every sample view has a zh golden, and the README shows every golden', () => {
    const readme = readFileSync(join(root, 'pile-agent/README.md'), 'utf8');
    for (const name of SAMPLE_NAMES) expect(GOLDENS.some((g) => g.sample === name && g.lang === 'zh-CN')).toBe(true);
    for (const g of GOLDENS) {
      expect(existsSync(join(docs, goldenFile(g))), goldenFile(g)).toBe(true);
      expect(readme, goldenFile(g)).toContain(`docs/screens/${goldenFile(g)}`);
    }
  });

  it('every golden matches a fresh render (at most 0.5 % of pixels differ)', async () => {
    const renderers = new Map<string, CanvasRenderer>();
    for (const g of GOLDENS) {
      const key = `${g.width}x${g.height}`;
      if (!renderers.has(key)) renderers.set(key, await CanvasRenderer.create({ width: g.width, height: g.height }));
      const f = renderers.get(key)!.render(buildScene({ common: { ...SAMPLE_COMMON, online: !g.offline }, view: VIEW_SAMPLES[g.sample] }, { width: g.width, height: g.height, lang: g.lang }));
      const golden = size(readFileSync(join(docs, goldenFile(g))));
      expect([golden.width, golden.height]).toEqual([g.width, g.height]);
      let diff = 0;
      for (let i = 0; i < golden.rgba.length; i += 4)
        if (Math.abs(golden.rgba[i] - f.rgba[i]) + Math.abs(golden.rgba[i + 1] - f.rgba[i + 1]) + Math.abs(golden.rgba[i + 2] - f.rgba[i + 2]) > 24) diff++;
      expect(diff / (g.width * g.height), `${goldenFile(g)} is stale: run npx pile-agent screen docs`).toBeLessThan(0.005);
    }
  });
});
