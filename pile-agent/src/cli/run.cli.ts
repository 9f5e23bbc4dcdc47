// `pile-agent run --config FILE`: loads the config (YAML or JSON, `PILEGATE_` env overrides),
// loads the charger profile with the config's device overrides, composes the agent with the real
// drivers and runs it until SIGINT/SIGTERM. Logs are JSON lines on stdout. Exit codes: 0 stopped
// by a signal, 1 start failed, 2 bad config or profile (every problem printed with its path).
import type { Command } from 'commander';
import { loadProfile, ProfileError } from '../../../hw-profiles/index.js';
import { composeAgent } from '../app/compose.js';
import { loadConfigFile } from '../app/config-load.js';
import { stopOnSignals } from '../app/lifecycle.js';
import { pinoLogger } from '../app/pino-logger.js';
import { systemClock } from '../ports/clock.port.js';

export function register(program: Command): void {
  program
    .command('run')
    .description('run the pile agent: sessions, GB/T VIN, cards, meters, offline whitelist')
    .requiredOption('--config <file>', 'agent config, YAML or JSON (see pile-agent/README.md "Running the agent")')
    .action(async (o: { config: string }) => {
      const config = loadConfigFile(o.config, process.env);
      if (!config.ok) {
        for (const i of config.error) console.error(`config ${i.path}: ${i.message}`);
        process.exitCode = 2;
        return;
      }
      let profile: ReturnType<typeof loadProfile>;
      try {
        profile = loadProfile(config.value.profile, { overrides: config.value.devices });
      } catch (e) {
        console.error(e instanceof ProfileError ? e.message : `profile: ${(e as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const logger = pinoLogger({ level: config.value.log.level });
      let agent: Awaited<ReturnType<typeof composeAgent>> | undefined;
      try {
        agent = composeAgent({ config: config.value, profile, clock: systemClock, logger });
        await agent.start();
      } catch (e) {
        logger.error({ err: e }, 'agent failed to start');
        console.error(`pile-agent run: ${(e as Error).message}`);
        await agent?.stop();
        process.exit(1);
      }
      logger.info({ pileId: config.value.pileId, profile: profile.id, recovered: agent.recovered, health: agent.health() }, 'agent running');
      stopOnSignals(
        () => agent.stop(),
        logger,
        (code) => process.exit(code),
      );
    });
}
