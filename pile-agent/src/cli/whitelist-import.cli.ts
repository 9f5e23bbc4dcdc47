// `pile-agent whitelist import FILE --config CFG`: applies a whitelist page (JSON snapshot or delta,
// as the cloud sends it) to the pile's cache without the cloud — offline commissioning. The page is
// validated whole and applied in one transaction, or not at all. Exit 0 applied, 1 rejected, 2 bad input.
import type { Command } from 'commander';
import { loadConfigFile } from '../app/config-load.js';
import { pinoLogger } from '../app/pino-logger.js';
import { applyWhitelistFile, openStorage } from '../app/storage.wiring.js';

export function register(program: Command): void {
  program
    .command('whitelist')
    .description("the pile's whitelist cache")
    .command('import')
    .description('apply a whitelist page (JSON snapshot or delta) to the cache, offline')
    .argument('<file>', 'the page, JSON')
    .requiredOption('--config <file>', 'agent config (for its dataDir)')
    .action((file: string, o: { config: string }) => {
      const config = loadConfigFile(o.config, process.env);
      if (!config.ok) {
        for (const i of config.error) console.error(`config ${i.path}: ${i.message}`);
        process.exitCode = 2;
        return;
      }
      const logger = pinoLogger({ level: 'warn', destination: process.stderr });
      const storage = openStorage(config.value.dataDir, logger);
      try {
        const r = applyWhitelistFile(storage, file, logger, { onlyIfNewer: false });
        console.log(JSON.stringify({ ...r, version: storage.whitelist.version(), counts: storage.whitelist.counts() }));
        process.exitCode = r.applied ? 0 : 1;
      } finally {
        storage.close();
      }
    });
}
