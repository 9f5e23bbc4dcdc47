// The screen wiring over a minimal agent (fake introspection, a recording display, the real canvas
// renderer): the online badge re-renders on an idle screen when the cloud link changes, and the
// charging screen shows the SoC from the BMS and the cost so far at the synced station tariff —
// pixel-identical, in Chinese and in English, to the charging view drawn with those figures.
import { afterEach, describe, expect, it } from 'vitest';
import { loadProfile } from '../../../hw-profiles/index.js';
import { MemoryWhitelistRepo } from '../domain/authorization/whitelist.memory-repo.js';
import { upsert } from '../domain/authorization/whitelist.builders.js';
import { buildScene } from '../domain/screen/views/index.js';
import type { ScreenState } from '../domain/screen/view-state.js';
import { CanvasRenderer } from '../drivers/display/canvas-renderer.js';
import type { DisplaySurface, Frame, PanelGeometry } from '../ports/display.port.js';
import type { TouchInput } from '../ports/touch-input.port.js';
import { nullLogger } from '../shared/logger.js';
import { FakeClock } from '../testing/fake-clock.js';
import { agentConfigSchema } from './config.schema.js';
import { FaultRegistry } from './fault-registry.js';
import type { AgentIntrospection, ConnectorStatus } from './introspection.js';
import { wireScreen } from './screen.wiring.js';

const T0 = Date.parse('2026-05-01T02:00:00.000Z'); // 10:00 CST
const SESSION = '3f2b8c1e-8d4a-4e3b-9a51-2c7d0e6f1a20';
const PANEL: PanelGeometry = { width: 800, height: 480, pixelFormat: 'XRGB8888', rotation: 0 };

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

class RecordingDisplay implements DisplaySurface, TouchInput {
  readonly panel = PANEL;
  frames: { view: string; rgba: Uint8Array }[] = [];
  present(f: Frame): void {
    this.frames.push({ view: f.view, rgba: new Uint8Array(f.rgba) });
  }
  onTouch(): () => void {
    return () => undefined;
  }
  async close(): Promise<void> {}
}

async function setup(opts: { connector: Partial<ConnectorStatus>; tariffFen?: number; language?: 'zh-CN' | 'en' }) {
  const clock = new FakeClock(T0 + 600_000);
  const display = new RecordingDisplay();
  const whitelist = new MemoryWhitelistRepo();
  if (opts.tariffFen !== undefined) {
    const page = { kind: 'delta', fromVersion: 0, toVersion: 3, changes: [upsert('station', { id: '7', name: '一号场站', tariff: { fenPerKwh: opts.tariffFen, periods: [] } }, 3)] };
    if (!whitelist.applyPage(page).ok) throw new Error('station page refused');
  }
  let online = false;
  const linkFns = new Set<() => void>();
  const connector: ConnectorStatus = {
    id: 1,
    phase: 'idle',
    sessionId: null,
    view: { screen: 'idle' } as never,
    gbt: { phase: 'idle', vin: null, vinStatus: null, recoveries: 0, socPct: null },
    lastMeter: null,
    keypadLocked: false,
    faults: [],
    ...opts.connector,
  } as ConnectorStatus;
  const introspection = {
    connectors: () => [connector],
    whitelist,
    recentSessions: () =>
      connector.sessionId
        ? [
            {
              sessionId: SESSION,
              connectorId: 1,
              credentialKind: 'vin-button',
              vin: connector.gbt.vin,
              plate: '沪A32567',
              startedAt: new Date(T0).toISOString(),
              stoppedAt: null,
              stopReason: null,
              stopDetail: null,
              meterStartWh: 1000,
              meterStopWh: null,
            },
          ]
        : [],
    onConnector: () => () => undefined,
    onView: () => () => undefined,
  } as unknown as AgentIntrospection;
  const config = agentConfigSchema.parse({ pileId: 'P1', stationId: 7, dataDir: '/tmp/x', language: opts.language ?? 'zh-CN', screen: { socketPort: 0, renderIntervalMs: 100 } });
  const screen = wireScreen({
    profile: { ...loadProfile('sim'), screen: undefined } as never,
    config,
    clock,
    logger: nullLogger,
    faults: new FaultRegistry({ clock, logger: nullLogger }),
    introspection,
    commands: {} as never,
    online: () => online,
    onOnlineChange: (fn) => (linkFns.add(fn), () => linkFns.delete(fn)),
    drivers: {
      newRenderer: (size) => CanvasRenderer.create(size),
      openFramebuffer: () => {
        throw new Error('none');
      },
      openTouch: () => {
        throw new Error('none');
      },
      listenSocket: async () => display,
    },
  });
  await screen.start();
  stop = async () => screen.stop();
  const setOnline = (v: boolean) => {
    online = v;
    for (const fn of linkFns) fn();
  };
  return { clock, display, screen, setOnline };
}

async function pixels(state: ScreenState, lang: 'zh-CN' | 'en'): Promise<Uint8Array> {
  const r = await CanvasRenderer.create({ width: 800, height: 480 });
  return new Uint8Array(r.render(buildScene(state, { width: 800, height: 480, lang })).rgba);
}

const differing = (a: Uint8Array, b: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  return n;
};

describe('screen wiring', () => {
  it('re-renders the badge when the link changes while the screen is idle (stale badge defect)', async () => {
    const t = await setup({ connector: {} });
    expect(t.screen.shown()?.common.online).toBe(false);
    const before = t.display.frames.length;
    t.setOnline(true);
    t.clock.advance(200);
    expect(t.screen.shown()?.common.online).toBe(true);
    expect(t.display.frames.length).toBeGreaterThan(before);
    const last = t.display.frames.at(-1)!.rgba;
    t.setOnline(false);
    t.clock.advance(200);
    expect(t.screen.shown()?.common.online).toBe(false);
    expect(differing(t.display.frames.at(-1)!.rgba, last)).toBeGreaterThan(0);
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`charging shows the SoC from BCS and the cost at the station tariff, pixel for pixel (${lang})`, async () => {
      const t = await setup({
        language: lang,
        tariffFen: 120,
        connector: {
          phase: 'charging',
          sessionId: SESSION,
          view: { screen: 'charging', energyWh: 25_000 } as never,
          gbt: { phase: 'charging', vin: 'LZYTBGBW5LA000001', vinStatus: 'valid', recoveries: 0, socPct: 47 },
          lastMeter: { powerW: 150_000, voltageMv: 600_000, currentMa: 250_000, energyWh: 26_000, atMs: T0 } as never,
        },
      });
      const shown = t.screen.shown()!;
      expect(shown.view).toMatchObject({ view: 'charging', socPct: 47, costFen: 3000, energyWh: 25_000 }); // 25 kWh × 120 fen
      const got = t.display.frames.at(-1)!.rgba;
      expect(differing(got, await pixels(shown, lang))).toBe(0);
      const blank = { ...shown, view: { ...shown.view, socPct: null, costFen: null } } as ScreenState;
      expect(differing(got, await pixels(blank, lang))).toBeGreaterThan(100);
    });
  }

  it('cost stays unknown before the station (and its tariff) is synced', async () => {
    const t = await setup({ connector: { phase: 'charging', sessionId: SESSION, view: { screen: 'charging', energyWh: 25_000 } as never } });
    expect(t.screen.shown()?.view).toMatchObject({ view: 'charging', costFen: null });
  });
});
