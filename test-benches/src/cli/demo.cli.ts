// `bench demo [--once] [--http-port N]` (what `npm start` runs): the whole depot on this machine — the
// cloud on embedded defaults, a depot set up through its HTTP API, the real agent on the simulated rig
// linked over MQTT — played and narrated (src/demo/depot-demo.ts). With --once it exits after the pass:
// 0 when every expectation held, 1 otherwise. Without it the cloud and the pile keep running and the
// API's address and the operator's login are printed, until Ctrl-C.
import type { Command } from 'commander';
import { runDepotDemo } from '../demo/depot-demo.js';

interface Options {
  once?: boolean;
  httpPort?: string;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'the whole depot: cloud (HTTP API, embedded MQTT broker, SQLite) + a simulated pile over MQTT; an unknown bus refused, registered, then charging and billed; exit 0 when every expectation held',
    )
    .option('--once', 'exit after one pass (0: every expectation held, 1: not)')
    .option('--http-port <port>', "the cloud's HTTP port when it keeps running (default 8080; 0: any free port)")
    .action(async (o: Options) => {
      const port = o.httpPort === undefined ? (o.once ? 0 : 8080) : Number(o.httpPort);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        console.error('demo: --http-port must be 0–65535');
        process.exitCode = 2;
        return;
      }
      let demo: Awaited<ReturnType<typeof runDepotDemo>>;
      try {
        demo = await runDepotDemo({ say: (line) => console.log(line), httpPort: port });
      } catch (e) {
        console.error(`demo: cannot run: ${(e as Error).message}`);
        process.exitCode = 1;
        return;
      }
      if (o.once) {
        await demo.close();
        process.exitCode = demo.ok ? 0 : 1;
        return;
      }
      console.log('');
      console.log(`The depot keeps running. HTTP API ${demo.cloud.httpUrl}/api/v1 (OpenAPI: ${demo.cloud.httpUrl}/api/v1/openapi.json), MQTT ${demo.cloud.mqttUrl}`);
      console.log(`Operator login: admin / ${demo.adminPassword}`);
      console.log(`Try: npx cloud-stub --url ${demo.cloud.httpUrl} login   (password as above), then pile list, vehicle list, report company --dept 1`);
      console.log('Ctrl-C stops it.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await demo.close();
      process.exitCode = demo.ok ? 0 : 1;
    });
}
