// `npx cloud-stub broker mosquitto-config --data DIR --out OUTDIR [--port 1883] [--host 127.0.0.1]`:
// reads the cloud's database and writes a mosquitto 2 configuration into OUTDIR (mosquitto.conf,
// passwd, acl) plus the cloud user's password in `cloud-password` (mode 0600, kept across runs) for
// `serve --broker … --broker-username cloud@main --broker-password-file OUTDIR/cloud-password`.
import type { Command } from 'commander';

export function register(program: Command): void {
  const broker = program.command('broker').description('an external MQTT broker for the piles');
  broker
    .command('mosquitto-config')
    .description('write mosquitto.conf, passwd and acl for mosquitto 2 from the cloud database')
    .requiredOption('--data <dir>', 'folder of the cloud database')
    .requiredOption('--out <dir>', 'folder for the mosquitto files (created if missing)')
    .option('--port <port>', 'listener port', '1883')
    .option('--host <addr>', 'listener address', '127.0.0.1')
    .option('--user <name>', 'add `user NAME` (the account mosquitto runs as when started by root)')
    .action(async (opts: { data: string; out: string; port: string; host: string; user?: string }) => {
      const { writeMosquittoFiles } = await import('../broker/mosquitto-files.js');
      const r = await writeMosquittoFiles(opts.data, opts.out, { host: opts.host, port: Number(opts.port), user: opts.user });
      const say = (s: string) => process.stderr.write(`${s}\n`);
      say(`cloud-stub: wrote ${r.confPath} with ${r.piles} pile(s) and the cloud user ${r.cloudUser}`);
      for (const p of r.withoutHash) say(`cloud-stub: pile ${p} has no mosquitto hash (registered before 0005): rotate its secret`);
      say(`cloud-stub: start it with: mosquitto -c ${r.confPath}`);
    });
}
