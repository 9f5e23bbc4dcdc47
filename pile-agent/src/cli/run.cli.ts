// `pile-agent run --config FILE`: boots the agent (app/boot.ts: the config, YAML or JSON with
// `PILEGATE_` env overrides, and the identity provisioned on site laid over it; the charger profile
// with the config's device overrides; the agent on the real drivers) and runs it until SIGINT/SIGTERM.
// When the console's `provision` asks for it, the agent is stopped and booted again in this process
// (its new identity applies; the journal and outbox carry over). Logs are JSON lines on stdout. Exit
// codes: 0 stopped by a signal, 1 start failed, 2 bad config or profile (every problem printed with its path).
import type { Command } from 'commander';
import { bootAgent } from '../app/boot.js';
import { stopOnSignals } from '../app/lifecycle.js';
import { pinoLogger } from '../app/pino-logger.js';

/** Boots and starts the agent once; resolves with the exit code, or 'restart' when the console asked for one. */
async function runOnce(configFile: string): Promise<number | 'restart'> {
  let restart: () => void = () => undefined;
  const restartAsked = new Promise<'restart'>((resolve) => (restart = () => resolve('restart')));
  let booted: ReturnType<typeof bootAgent>;
  try {
    booted = bootAgent(configFile, process.env, (config) => pinoLogger({ level: config.log.level }), { restart: () => restart() });
  } catch (e) {
    console.error(`pile-agent run: ${(e as Error).message}`);
    return 1;
  }
  if (!booted.ok) {
    for (const line of booted.error) console.error(line);
    return 2;
  }
  const { agent, config, logger } = booted.value;
  try {
    await agent.start();
  } catch (e) {
    logger.error({ err: e }, 'agent failed to start');
    console.error(`pile-agent run: ${(e as Error).message}`);
    await agent.stop();
    return 1;
  }
  logger.info({ pileId: config.pileId, profile: booted.value.profileId, recovered: agent.recovered, health: agent.health() }, 'agent running');
  let signalled: (code: number) => void = () => undefined;
  const stoppedBySignal = new Promise<number>((resolve) => (signalled = resolve));
  const offSignals = stopOnSignals(
    () => agent.stop(),
    logger,
    (code) => signalled(code),
  );
  const outcome = await Promise.race([restartAsked, stoppedBySignal]);
  if (outcome !== 'restart') return outcome;
  offSignals();
  logger.info({ pileId: config.pileId }, 'restarting the agent (provisioned on the console)');
  await agent.stop();
  return 'restart';
}

export function register(program: Command): void {
  program
    .command('run')
    .description('run the pile agent: sessions, GB/T VIN, cards, meters, offline whitelist')
    .requiredOption('--config <file>', 'agent config, YAML or JSON (see pile-agent/README.md "Running the agent")')
    .action(async (o: { config: string }) => {
      for (;;) {
        const outcome = await runOnce(o.config);
        if (outcome === 'restart') continue;
        process.exit(outcome);
      }
    });
}
