// `bench demo [--once] [--http-port N] [--out DIR]` (what `npm start` runs): the demo depot
// (src/demo/depot-demo.ts: test-benches/demo/depot.yaml played by the scenario runner — a cloud, two
// piles of two connectors as real agent processes on simulated hardware, buses of three fleets),
// narrated; the screens as PNGs and the company report as XLSX go into the folder it names. With
// --once it exits after the play: 0 when every step held, 1 otherwise. Without it the depot keeps
// running and the API's address, the operator's login and CLI commands to try are printed, until Ctrl-C.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { runDepotDemo } from '../demo/depot-demo.js';

interface Options {
  once?: boolean;
  httpPort?: string;
  out?: string;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'the demo depot: a cloud and two simulated piles over MQTT; the four charging modes, a refusal of each kind, an unknown VIN registered, a power cut; screens (PNG) and the company report (XLSX) written; exit 0 when every step held',
    )
    .option('--once', 'exit after the play (0: every step held, 1: not)')
    .option('--http-port <port>', "the cloud's HTTP port when it keeps running (default 8080; 0: any free port)")
    .option('--out <dir>', 'where the screens and the report go (default: a new folder under the temporary directory)')
    .action(async (o: Options) => {
      const port = o.httpPort === undefined ? (o.once ? 0 : 8080) : Number(o.httpPort);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        console.error('demo: --http-port must be 0–65535');
        process.exitCode = 2;
        return;
      }
      const outDir = o.out ? resolve(o.out) : mkdtempSync(join(tmpdir(), 'pilegate-demo-'));
      try {
        const demo = await runDepotDemo({
          say: (line) => console.log(line),
          outDir,
          httpPort: port,
          hold: async (world) => {
            if (o.once || !world.cloud) return;
            const url = world.cloud.httpUrl;
            console.log('');
            console.log(`The depot keeps running. HTTP API ${url}/api/v1 (OpenAPI: ${url}/api/v1/openapi.json), MQTT ${world.cloud.mqttUrl}`);
            console.log(`Operator login: admin / ${world.adminPassword}`);
            console.log(`Try: npx cloud-stub --url ${url} login   (it asks for the password above), then with --url ${url}: pile list · session list · vehicle list · report company --dept 1`);
            console.log(`Screens and the company report: ${outDir}`);
            console.log('Ctrl-C stops it.');
            await new Promise<void>((done) => {
              process.once('SIGINT', () => done());
              process.once('SIGTERM', () => done());
            });
          },
        });
        process.exitCode = demo.ok ? 0 : 1;
      } catch (e) {
        console.error(`demo: cannot run: ${(e as Error).message}`);
        process.exitCode = 1;
      }
    });
}
