// The import boundaries between the layers: code flows one way, and a folder reaches another
// only through that folder's public face. Fails on the first import that crosses a line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const folders = ['pile-agent', 'cloud-stub', 'hw-profiles', 'test-benches'] as const;
type Folder = (typeof folders)[number];

/** Which folders each folder may import, and through which faces. */
const allowed: Record<Folder, Partial<Record<Folder, string[]>>> = {
  'pile-agent': { 'hw-profiles': ['index.ts'] },
  'cloud-stub': { 'pile-agent': ['contract.ts'] },
  'hw-profiles': {},
  'test-benches': {
    'pile-agent': ['index.ts', 'ports.ts', 'protocols.ts', 'drivers.ts', 'contract.ts', 'testing.ts'],
    'cloud-stub': ['index.ts'],
    'hw-profiles': ['index.ts'],
  },
};

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

function violations(): string[] {
  const bad: string[] = [];
  for (const folder of folders) {
    for (const file of tsFiles(join(root, folder))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
        const target = relative(root, resolve(dirname(file), m[1])).replace(/\.js$/, '.ts');
        const top = target.split('/')[0] as Folder;
        if (top === folder || !folders.includes(top)) continue;
        const faces = allowed[folder][top];
        const face = target.slice(top.length + 1);
        if (!faces?.includes(face)) bad.push(`${relative(root, file)} imports ${target}`);
      }
    }
  }
  return bad;
}

/** pile-agent's faces by role: the source layers each face may re-export. */
const faceLayers: Record<string, string[]> = {
  'index.ts': ['app', 'domain', 'persistence'],
  'ports.ts': ['shared', 'ports'],
  'protocols.ts': ['protocols'],
  'drivers.ts': ['drivers'],
  'contract.ts': ['protocols'],
  'testing.ts': ['testing', 'protocols', 'domain'],
};

function faceViolations(): string[] {
  const bad: string[] = [];
  for (const [face, layers] of Object.entries(faceLayers)) {
    const text = readFileSync(join(root, 'pile-agent', face), 'utf8');
    for (const m of text.matchAll(/from\s*['"]\.\/src\/([^/'"]+)\/[^'"]*['"]/g)) if (!layers.includes(m[1])) bad.push(`pile-agent/${face} re-exports from src/${m[1]}`);
  }
  return bad;
}

/** Layers inside pile-agent/src: which layers each layer must not import. */
const forbiddenLayers: Record<string, string[]> = {
  shared: ['protocols', 'ports', 'drivers', 'domain', 'app', 'cli', 'persistence'],
  protocols: ['ports', 'drivers', 'domain', 'app', 'cli', 'persistence'],
  ports: ['drivers', 'domain', 'app', 'cli', 'persistence'],
  drivers: ['domain', 'app', 'cli'],
  domain: ['drivers', 'app', 'cli'],
  persistence: ['drivers', 'app', 'cli'],
};

function layerViolations(): string[] {
  const bad: string[] = [];
  const src = join(root, 'pile-agent', 'src');
  for (const file of tsFiles(src)) {
    if (file.endsWith('.test.ts')) continue;
    const layer = relative(src, file).split('/')[0];
    const forbidden = forbiddenLayers[layer] ?? [];
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      const target = relative(src, resolve(dirname(file), m[1]));
      if (forbidden.includes(target.split('/')[0])) bad.push(`${relative(root, file)} (${layer}) imports ${target}`);
      // Test doubles and fuzz targets live in src/testing alone; only tests and test kits reach them.
      if (target.startsWith('testing/') && layer !== 'testing' && !file.endsWith('-test-kit.ts')) bad.push(`${relative(root, file)} (${layer}) imports the test double ${target}`);
    }
    if (layer === 'protocols' && /from ['"]node:/.test(text)) bad.push(`${relative(root, file)} (protocols) imports node:*`);
  }
  return bad;
}

/**
 * Layers inside cloud-stub/src: which layers each must not import. shared and persistence at the
 * bottom; the view (read model) over persistence; domain services over those; ingest and the
 * formats beside the domain; the store (repositories implementing the domain's storage ports over the
 * query layer) over the domain and persistence; the broker and the MQTT sync over them; the HTTP API;
 * the CLI (an HTTP client, with `serve` starting the app); the app (composition root) over all.
 */
const cloudForbidden: Record<string, string[]> = {
  shared: ['persistence', 'store', 'view', 'domain', 'formats', 'ingest', 'broker', 'sync', 'api', 'cli', 'app'],
  persistence: ['store', 'view', 'domain', 'formats', 'ingest', 'broker', 'sync', 'api', 'cli', 'app'],
  view: ['store', 'domain', 'formats', 'ingest', 'broker', 'sync', 'api', 'cli', 'app'],
  domain: ['store', 'ingest', 'broker', 'sync', 'api', 'cli', 'app'],
  store: ['view', 'formats', 'ingest', 'broker', 'sync', 'api', 'cli', 'app'],
  formats: ['persistence', 'ingest', 'broker', 'sync', 'api', 'cli', 'app'],
  ingest: ['broker', 'sync', 'api', 'cli', 'app'],
  broker: ['domain', 'ingest', 'sync', 'api', 'cli', 'app'],
  sync: ['broker', 'api', 'cli', 'app'],
  api: ['broker', 'cli', 'app'],
  cli: ['persistence', 'store', 'view', 'domain', 'ingest', 'sync', 'api'],
};

function cloudLayerViolations(): string[] {
  const bad: string[] = [];
  const src = join(root, 'cloud-stub', 'src');
  for (const file of tsFiles(src)) {
    if (file.endsWith('.test.ts')) continue;
    const layer = relative(src, file).split('/')[0];
    const forbidden = cloudForbidden[layer] ?? [];
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      const target = relative(src, resolve(dirname(file), m[1]));
      if (forbidden.includes(target.split('/')[0])) bad.push(`${relative(root, file)} (${layer}) imports ${target}`);
    }
  }
  return bad;
}

/** Import cycles among the non-test modules of a folder (type-only imports count: they tie files too). */
function importCycles(folder: string): string[] {
  const base = join(root, folder);
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(base)) {
    if (file.endsWith('.test.ts') || file.includes('/test/')) continue;
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => resolve(dirname(file), m[1]).replace(/\.js$/, '.ts')).filter((t) => t.startsWith(base));
    graph.set(file, targets);
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of graph.get(f) ?? []) {
      if (state.get(t) === 'open')
        cycles.push(
          stack
            .slice(stack.indexOf(t))
            .concat(t)
            .map((x) => relative(root, x))
            .join(' → '),
        );
      else if (!state.has(t) && graph.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return cycles;
}

describe('import boundaries', () => {
  it('no module imports itself round a circle (pile-agent, cloud-stub)', () => {
    expect(importCycles('pile-agent')).toEqual([]);
    expect(importCycles('cloud-stub')).toEqual([]);
  });

  it('pile-agent layers point one way: shared <- protocols <- ports <- drivers, domain <- app', () => {
    expect(layerViolations()).toEqual([]);
  });

  it('cloud-stub layers point one way: shared, persistence <- view <- domain <- ingest, sync <- api <- app', () => {
    expect(cloudLayerViolations()).toEqual([]);
  });

  it('every cross-folder import goes through an allowed public face', () => {
    expect(violations()).toEqual([]);
  });

  it("pile-agent's faces each re-export one role: the agent, ports, protocols, drivers, test doubles, the contract", () => {
    expect(faceViolations()).toEqual([]);
  });
});
