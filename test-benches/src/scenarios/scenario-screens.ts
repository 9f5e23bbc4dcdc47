// The screens a scenario showed, as PNG files: after each step every pile's screen (the view its
// touchscreen shows, read from the agent's process) is drawn by the product's own renderer at 800×480
// and written when it shows another view (or another connector, reason or link state) than that pile's
// last file — not for each tick of a charging screen's figures. `NNN-PILE-VIEW.png`, numbered in order.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildScene, type Lang, type ScreenState } from '../../../pile-agent/index.js';
import { CanvasRenderer } from '../../../pile-agent/drivers.js';
import type { ScenarioWorld } from './scenario-world.js';

const W = 800;
const H = 480;

export class ScreenRecorder {
  private readonly last = new Map<string, string>();
  private n = 0;
  readonly written: string[] = [];

  private constructor(
    private readonly dir: string,
    private readonly renderer: CanvasRenderer,
    private readonly lang: Lang,
  ) {}

  static async create(dir: string, lang: Lang = 'zh-CN'): Promise<ScreenRecorder> {
    mkdirSync(dir, { recursive: true });
    return new ScreenRecorder(dir, await CanvasRenderer.create({ width: W, height: H }), lang);
  }

  /** Writes each powered pile's screen if it changed; returns the files written now. */
  async capture(world: ScenarioWorld): Promise<string[]> {
    const now: string[] = [];
    for (const pile of world.piles.values()) {
      if (!pile.agent.running) continue;
      const state: ScreenState | null = await pile.agent.screen().catch(() => null);
      if (!state) continue;
      const v = state.view as { view: string; connectorId?: number; reason?: string };
      const key = `${v.view}|${v.connectorId ?? ''}|${v.reason ?? ''}|${state.common.online ? 'online' : 'offline'}`;
      if (this.last.get(pile.id) === key) continue;
      this.last.set(pile.id, key);
      this.renderer.render(buildScene(state, { width: W, height: H, lang: this.lang }));
      const file = join(this.dir, `${String(++this.n).padStart(3, '0')}-${pile.id}-${state.view.view}.png`);
      writeFileSync(file, this.renderer.png());
      now.push(file);
    }
    this.written.push(...now);
    return now;
  }
}
