// `npx bench touchscreen --port N | --path SOCK`: the touchscreen-driver simulator against a running
// pile's screen socket. Presses buttons by name from the command line (`--press vin-charge --press stop`)
// and from stdin lines: `press NAME`, `tap NAME`, `view`, `regions`, `png FILE`, `quit`.
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { TouchscreenDriverSim } from '../sims/touchscreen/touchscreen-driver.sim.js';

interface Opts {
  port?: string;
  path?: string;
  press: string[];
  tap?: boolean;
  waitView?: string;
  png?: string;
}

export function register(program: Command): void {
  program
    .command('touchscreen')
    .description('simulate an external touchscreen driver on the pile screen socket; press buttons by name')
    .option('--port <n>', 'TCP port of the screen socket on 127.0.0.1')
    .option('--path <sock>', 'Unix socket path of the screen socket')
    .option('--press <name>', 'press this button (repeatable, in order)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--tap', 'press by touching the button centre instead of by name')
    .option('--wait-view <name>', 'wait for this view before pressing')
    .option('--png <file>', 'write the screen as PNG after the presses, then exit')
    .action(async (o: Opts) => {
      if (!o.port === !o.path) {
        console.error('touchscreen: give exactly one of --port and --path');
        process.exitCode = 2;
        return;
      }
      const say = (s: string) => process.stderr.write(`${s}\n`);
      const sim = await TouchscreenDriverSim.connect(o.path ? { path: o.path } : { port: Number(o.port) }, { activation: o.tap ? 'tap' : 'press' });
      say(`connected: ${sim.panel?.width}×${sim.panel?.height} ${sim.panel?.pixelFormat}, view ${sim.view()}`);
      try {
        if (o.waitView) await sim.waitForView(o.waitView);
        for (const name of o.press) {
          await sim.waitForButton(name);
          await sim.press(name);
          console.log(JSON.stringify({ pressed: name }));
        }
        if (o.png || o.press.length) {
          if (o.png) writeFileSync(o.png, sim.snapshotPng() ?? Buffer.alloc(0));
          return;
        }
        say('commands: press NAME | tap NAME | view | regions | png FILE | quit');
        for await (const raw of createInterface({ input: process.stdin })) {
          const [cmd, arg] = raw.trim().split(/\s+/);
          try {
            if ((cmd === 'press' || cmd === 'tap') && arg) {
              if (cmd === 'tap') await sim.touch('down', ...centre(sim, arg)).then(() => sim.touch('up', ...centre(sim, arg)));
              else await sim.press(arg);
              console.log(JSON.stringify({ pressed: arg }));
            } else if (cmd === 'view') console.log(JSON.stringify({ view: sim.view(), seq: sim.lastSeq() }));
            else if (cmd === 'regions') console.log(JSON.stringify(sim.regions()));
            else if (cmd === 'png' && arg) writeFileSync(arg, sim.snapshotPng() ?? Buffer.alloc(0));
            else if (cmd === 'quit') break;
            else if (cmd) say(`unknown command: ${raw.trim()}`);
          } catch (e) {
            say(`error: ${(e as Error).message}`);
          }
        }
      } catch (e) {
        console.error(`touchscreen: ${(e as Error).message}`);
        process.exitCode = 1;
      } finally {
        await sim.close();
      }
    });
}

function centre(sim: TouchscreenDriverSim, name: string): [number, number] {
  const r = sim.regions().find((x) => x.name === name);
  if (!r) throw new Error(`no button ${name} on ${sim.view()}`);
  return [Math.round(r.x + r.w / 2), Math.round(r.y + r.h / 2)];
}
