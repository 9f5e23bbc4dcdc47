// `pile-agent screen serve`: the screen stack alone, for bring-up and for touchscreen-driver
// developers — shows a sample view on the driver socket (and, when given, a framebuffer and an evdev
// touch device), prints every button press as a JSON line, and walks through the sample screens
// (vin-charge → reading VIN, stop → keypad, back → idle, …) so a driver sees real screen changes.
import type { Command } from 'commander';
import { CanvasRenderer } from '../drivers/display/canvas-renderer.js';
import { FramebufferDisplay } from '../drivers/display/framebuffer.driver.js';
import { SocketDisplay } from '../drivers/display/socket-display.driver.js';
import { EvdevTouchInput } from '../drivers/touch/evdev-touch.driver.js';
import { ScreenController } from '../domain/screen/screen.controller.js';
import { isSampleName, SAMPLE_COMMON, VIEW_SAMPLES, type SampleName } from '../domain/screen/view-samples.js';
import { parseLang } from '../domain/screen/i18n/index.js';
import type { DisplaySurface, PanelGeometry } from '../ports/display.port.js';
import type { TouchInput } from '../ports/touch-input.port.js';
import { nullLogger } from '../shared/logger.js';
import { loadProfile } from '../../../hw-profiles/index.js';
import { geometry } from './screen-geometry.js';

/** Where a press leads in the walk-through (a button not listed stays on its screen). */
const NEXT: Record<string, SampleName> = {
  'card-charge': 'connecting-tap-card',
  'vin-charge': 'connecting',
  'password-charge': 'keypad-start',
  cancel: 'idle',
  back: 'idle',
  done: 'idle',
  stop: 'keypad',
  'key-ok': 'receipt',
};

interface ServeOpts {
  profile?: string;
  size?: string;
  rotation?: string;
  view: string;
  lang: string;
  port?: string;
  path?: string;
  framebuffer?: string;
  touch?: string;
}

export function registerServe(screen: Command): void {
  screen
    .command('serve')
    .description('show sample screens on the touchscreen-driver socket (and a framebuffer / evdev device); print presses')
    .option('--profile <id>', 'hw-profiles charger profile (screen size, rotation, pixel format)')
    .option('--size <WxH>', 'panel size when no --profile is given', '800x480')
    .option('--rotation <deg>', 'panel rotation when no --profile is given', '0')
    .option('--view <name>', 'first screen (a view or sample name)', 'idle')
    .option('--lang <zh|en>', 'language', 'zh')
    .option('--port <n>', 'TCP port on 127.0.0.1 for the driver socket (0: any free port)', '0')
    .option('--path <sock>', 'Unix socket path instead of TCP')
    .option('--framebuffer <path>', 'also draw on this framebuffer device (the panel format of the profile)')
    .option('--touch <path>', 'also read touches from this evdev device')
    .action(async (o: ServeOpts) => {
      const lang = parseLang(o.lang);
      if (!lang || !isSampleName(o.view)) {
        console.error(`screen serve: bad --lang ${o.lang} or unknown --view ${o.view}`);
        process.exitCode = 2;
        return;
      }
      const g = geometry(o);
      const screenProfile = o.profile ? loadProfile(o.profile).screen : undefined;
      const panel: PanelGeometry = screenProfile
        ? { width: screenProfile.width, height: screenProfile.height, pixelFormat: screenProfile.pixelFormat, rotation: screenProfile.rotation }
        : {
            ...(Number(o.rotation) % 180 ? { width: g.height, height: g.width } : { width: g.width, height: g.height }),
            pixelFormat: 'RGB565',
            rotation: Number(o.rotation) as PanelGeometry['rotation'],
          };
      const socket = await SocketDisplay.listen({ listen: o.path ? { path: o.path } : { port: Number(o.port) }, panel, logger: nullLogger });
      const displays: DisplaySurface[] = [socket];
      const inputs: TouchInput[] = [socket];
      const faults = { raise: (c: string, _s: string, d?: string) => console.error(`fault ${c}: ${d ?? ''}`), clear: () => {} };
      if (o.framebuffer) displays.push(FramebufferDisplay.open({ path: o.framebuffer, panel, logger: nullLogger, faults }));
      if (o.touch) inputs.push(EvdevTouchInput.open({ path: o.touch, panel, logger: nullLogger, faults }));
      const renderer = await CanvasRenderer.create({ width: g.width, height: g.height });
      const controller = new ScreenController({ renderer, displays, inputs, width: g.width, height: g.height, lang, logger: nullLogger });
      const show = (name: SampleName) => controller.show({ common: SAMPLE_COMMON, view: VIEW_SAMPLES[name] });
      controller.onPress((p) => {
        console.log(JSON.stringify({ press: p.name, view: p.view, connectorId: p.connectorId, source: p.source }));
        const next = NEXT[p.name];
        if (next) show(next);
      });
      show(o.view);
      console.log(JSON.stringify({ listening: socket.address(), width: g.width, height: g.height }));
      const stop = async () => {
        await controller.close();
        for (const d of displays) await d.close();
        for (const i of inputs) await i.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
