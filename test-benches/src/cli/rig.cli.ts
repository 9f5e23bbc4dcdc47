// `npx bench rig [--dir DIR]`: starts the sim rig (virtual CAN buses, BMS simulators, Modbus meters,
// PN532 reader, console line on pty pairs), writes an agent config pointing the `sim` profile at it
// plus a demo whitelist and a console PIN (--console-pin, or a random one printed), and prints the
// config (one JSON line on stdout) so a person can run
// `npx pile-agent run --config <file>` by hand. Then reads commands from stdin:
// `plug <connector> <VIN|none>`, `unplug <connector>`, `card <UID>`, `remove`, `quit`.
import type { Command } from 'commander';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { canonicalCardNumber } from '../../../pile-agent/protocols.js';
import { fromHex, hashSecret } from '../../../pile-agent/ports.js';
import { RIG_DEMO, rigDemoWhitelist } from '../wiring/rig-seed.js';
import { SimRig } from '../wiring/sim-rig.js';

export function register(program: Command): void {
  program
    .command('rig')
    .description('sim rig for a hand-run agent: simulators on ptys, an agent config and a demo whitelist; stdin: plug N VIN|none, unplug N, card UID, remove, quit')
    .option('--dir <dir>', "where to write agent.json, whitelist.json and the agent's data/ (default: a new temp dir)")
    .option('--console-pin <digits>', "the technician PIN of the agent's console (4–8 digits; default: a random 6-digit PIN, printed)")
    .action(async (o: { dir?: string; consolePin?: string }) => {
      if (o.consolePin !== undefined && !/^\d{4,8}$/.test(o.consolePin)) throw new Error('--console-pin must be 4–8 digits');
      const pin = o.consolePin ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
      const dir = o.dir ? resolve(o.dir) : mkdtempSync(join(tmpdir(), 'pilegate-rig-'));
      mkdirSync(dir, { recursive: true });
      const rig = await SimRig.start();
      const say = (s: string) => process.stderr.write(`rig: ${s}\n`);
      const format = rig.profile.cardReader?.cardNumber ?? 'hex';
      const seed = join(dir, 'whitelist.json');
      writeFileSync(seed, `${JSON.stringify(await rigDemoWhitelist((uid) => canonicalCardNumber(fromHex(uid)!, format)), null, 2)}\n`);
      // The console needs a PIN hash, or its login is disabled: the config carries the hash, the PIN is printed here.
      const agent = rig.agentConfig({ dataDir: join(dir, 'data'), whitelistSeedFile: seed, console: { pinHash: await hashSecret(pin) } });
      const configFile = join(dir, 'agent.json');
      writeFileSync(configFile, `${JSON.stringify(agent, null, 2)}\n`);
      console.log(JSON.stringify({ ready: true, config: configFile, agent, consolePath: rig.consolePath, consolePin: pin, demo: RIG_DEMO }));
      say(`config written to ${configFile}; run: npx pile-agent run --config ${configFile}`);
      say(`console: ${rig.consolePath} (e.g. screen ${rig.consolePath} 115200), PIN ${pin}`);
      say(`demo: plug 1 ${RIG_DEMO.vin} | card ${RIG_DEMO.mode2CardUid} | fixed password ${RIG_DEMO.fixedPassword} | stop password ${RIG_DEMO.stopPassword}`);
      const rl = createInterface({ input: process.stdin });
      const quit = async () => {
        rl.close();
        await rig.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void quit());
      process.once('SIGTERM', () => void quit());
      for await (const raw of rl) {
        const [cmd, a, b] = raw.trim().split(/\s+/);
        try {
          if (cmd === 'plug' && a) {
            await rig.plug(Number(a), { vin: !b || b === 'none' ? null : b, edition: '2015' });
            say(`bus plugged on connector ${a} (VIN ${b ?? 'none'})`);
          } else if (cmd === 'unplug' && a) {
            await rig.unplug(Number(a));
            say(`connector ${a} unplugged`);
          } else if (cmd === 'card' && a) {
            rig.presentCard(a);
            say(`card ${a.toUpperCase()} on the reader`);
          } else if (cmd === 'remove') {
            rig.removeCard();
            say('reader empty');
          } else if (cmd === 'quit') break;
          else if (cmd) say(`unknown command: ${raw.trim()}`);
        } catch (e) {
          say(`error: ${(e as Error).message}`);
        }
      }
      await quit();
    });
}
