// `npx cloud-stub serve --data DIR [--http-port 8080] [--mqtt-port 1883] [--mqtts-port P --tls-cert F --tls-key F]
// [--broker mqtt(s)://HOST:PORT --broker-password-file F [--broker-ca F]]`: runs the cloud — the SQLite
// database in DIR, the HTTP API and the embedded MQTT broker (or an external one) — until SIGINT/SIGTERM. On the
// first start it creates the operator account `admin` with --admin-password, else the password in
// PILEGATE_ADMIN_PASSWORD, else a generated one that is printed once.
import type { Command } from 'commander';

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`not a TCP port: ${text}`);
  return n;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the cloud: SQLite registry, HTTP API (/api/v1), embedded MQTT broker for the piles')
    .requiredOption('--data <dir>', 'folder of the database (created if missing)')
    .option('--http-port <port>', 'HTTP API port (0 = any free port)', port, 8080)
    .option('--mqtt-port <port>', 'MQTT broker port (0 = any free port)', port, 1883)
    .option('--host <addr>', 'interface to listen on', '127.0.0.1')
    .option('--admin-password <password>', 'password of the `admin` account created on first start (or PILEGATE_ADMIN_PASSWORD)')
    .option('--utc-offset <minutes>', 'business time zone for tariffs and report days, minutes east of UTC', '480')
    .option('--broker <url>', 'use this MQTT broker (mqtt:// or mqtts://, e.g. mosquitto) instead of the embedded one')
    .option('--broker-username <name>', 'the cloud identity on --broker', 'cloud@main')
    .option('--broker-password-file <file>', 'file holding the password of --broker-username (e.g. OUTDIR/cloud-password)')
    .option('--broker-ca <file>', 'CA certificate for an mqtts:// --broker')
    .option('--mqtts-port <port>', 'also a TLS listener on the embedded broker (needs --tls-cert and --tls-key)', port)
    .option('--tls-cert <file>', 'PEM certificate of the embedded broker TLS listener')
    .option('--tls-key <file>', 'PEM private key of the embedded broker TLS listener')
    .option('--http-log', 'log every HTTP request (JSON lines on stdout)')
    .option('--sync-log <level>', "the MQTT sync's log on stderr, JSON lines: info (pages sent, commands…), warn (refusals, vetoes, disputes, conflicts) or error", 'info')
    .action(
      async (opts: {
        syncLog: string;
        data: string;
        httpPort: number;
        mqttPort: number;
        host: string;
        adminPassword?: string;
        utcOffset: string;
        httpLog?: boolean;
        broker?: string;
        brokerUsername: string;
        brokerPasswordFile?: string;
        brokerCa?: string;
        mqttsPort?: number;
        tlsCert?: string;
        tlsKey?: string;
      }) => {
        const { readFileSync } = await import('node:fs');
        if (opts.broker && !/^mqtts?:\/\//.test(opts.broker)) throw new Error('--broker must be mqtt://HOST:PORT or mqtts://HOST:PORT');
        if (opts.broker && !opts.brokerPasswordFile) throw new Error('--broker needs --broker-password-file');
        if (opts.mqttsPort !== undefined && !(opts.tlsCert && opts.tlsKey)) throw new Error('--mqtts-port needs --tls-cert and --tls-key');
        const levels = ['info', 'warn', 'error'];
        if (!levels.includes(opts.syncLog)) throw new Error('--sync-log must be info, warn or error');
        const jsonLine = (level: string, obj: object, msg: string) => process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...obj })}\n`);
        // Loaded here, not at the top: every other CLI command stays light (no fastify, aedes, SQLite).
        const { startCloud } = await import('../app/compose.js');
        const cloud = await startCloud({
          // Every refused uplink message, rejected or disputed session, conflict, veto and handler failure: one JSON line on stderr.
          syncLog: (level, obj, msg) => {
            if (levels.indexOf(level) >= levels.indexOf(opts.syncLog)) jsonLine(level, { src: 'sync', ...obj }, msg);
          },
          // Every broker connect and every refused CONNECT / publish / subscribe / packet: one JSON line on stderr.
          brokerLog: (level, obj, msg) => jsonLine(level, obj, msg),
          // Every HTTP login (refused: username, address, reason), password change, account disabled or deleted.
          authLog: (level, obj, msg) => jsonLine(level, { src: 'auth', ...obj }, msg),
          dataDir: opts.data,
          httpPort: opts.httpPort,
          mqttPort: opts.mqttPort,
          host: opts.host,
          adminPassword: opts.adminPassword ?? (process.env.PILEGATE_ADMIN_PASSWORD || undefined),
          utcOffsetMinutes: Number(opts.utcOffset),
          httpLog: opts.httpLog ?? false,
          externalBroker: opts.broker
            ? { url: opts.broker, username: opts.brokerUsername, password: readFileSync(opts.brokerPasswordFile!, 'utf8').trim(), ...(opts.brokerCa ? { ca: readFileSync(opts.brokerCa) } : {}) }
            : undefined,
          mqttsTls: opts.mqttsPort !== undefined ? { port: opts.mqttsPort, cert: readFileSync(opts.tlsCert!), key: readFileSync(opts.tlsKey!) } : undefined,
        });
        const say = (s: string) => process.stderr.write(`${s}\n`);
        say(`cloud-stub: HTTP API ${cloud.httpUrl}/api/v1 (OpenAPI: ${cloud.httpUrl}/api/v1/openapi.json)`);
        say(`cloud-stub: MQTT broker ${cloud.mqttUrl}${opts.broker ? ' (external)' : ''} (piles authenticate with their id and secret)`);
        if (cloud.mqttsUrl) say(`cloud-stub: MQTT over TLS ${cloud.mqttsUrl}`);
        if (cloud.generatedAdminPassword) {
          say(`cloud-stub: created the operator account "admin" with the password: ${cloud.generatedAdminPassword}`);
          say('cloud-stub: it is shown only this once; log in with `npx cloud-stub login` and keep it safe');
        }
        // One machine-readable line on stdout for scripts and tests.
        process.stdout.write(`${JSON.stringify({ httpUrl: cloud.httpUrl, mqttUrl: cloud.mqttUrl })}\n`);
        const stop = async () => {
          say('cloud-stub: stopping');
          await cloud.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      },
    );
}
