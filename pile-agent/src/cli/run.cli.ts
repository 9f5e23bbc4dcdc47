// `pile-agent run --config FILE`: boots the agent (app/boot.ts: the config, YAML or JSON with
// `PILEGATE_` env overrides; the charger profile with the config's device overrides; the agent on the
// real drivers) and runs it until SIGINT/SIGTERM. Logs are JSON lines on stdout. Exit codes: 0 stopped
// by a signal, 1 start failed, 2 bad config or profile (every problem printed with its path).
import type { Command } from 'commander';
import { bootAgent } from '../app/boot.js';
import { stopOnSignals } from '../app/lifecycle.js';
import { pinoLogger } from '../app/pino-logger.js';

export function register(program: Command): void {
  program
    .command('run')
    .description('run the pile agent: sessions, GB/T VIN, cards, meters, offline whitelist')
    .requiredOption('--config <file>', 'agent config, YAML or JSON (see pile-agent/README.md "Running the agent")')
    .action(async (o: { config: string }) => {
      let booted: ReturnType<typeof bootAgent>;
      try {
        booted = bootAgent(o.config, process.env, (config) => pinoLogger({ level: config.log.level }));
      } catch (e) {
        console.error(`pile-agent run: ${(e as Error).message}`);
        process.exit(1);
      }
      if (!booted.ok) {
        for (const line of booted.error) console.error(line);
        process.exitCode = 2;
        return;
      }
      const { agent, config, logger } = booted.value;
      try {
        await agent.start();
      } catch (e) {
        logger.error({ err: e }, 'agent failed to start');
        console.error(`pile-agent run: ${(e as Error).message}`);
        await agent.stop();
        process.exit(1);
      }
      logger.info({ pileId: config.pileId, profile: booted.value.profileId, recovered: agent.recovered, health: agent.health() }, 'agent running');
      stopOnSignals(
        () => agent.stop(),
        logger,
        (code) => process.exit(code),
      );
    });
}
