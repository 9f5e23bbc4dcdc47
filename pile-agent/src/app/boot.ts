// Booting the agent, the one way every caller does it (`pile-agent run`, the scenario runner's pile
// processes): read the config file (YAML or JSON, `PILEGATE_` environment overrides) and validate it,
// lay the identity provisioned on site over it (provisioning.ts), load the charger profile with the config's device overrides, compose the agent on the real drivers.
// Problems come back as lines naming the config path or the profile's file, for exit code 2.
import { loadProfile, ProfileError } from '../../../hw-profiles/index.js';
import type { Logger } from '../shared/logger.js';
import { systemClock } from '../ports/clock.port.js';
import { err, ok, type Result } from '../shared/result.js';
import { composeAgent, type Agent, type ComposeOptions } from './compose.js';
import { loadConfigFile } from './config-load.js';
import { withProvisioned } from './provisioning.js';
import type { AgentConfig } from './config.schema.js';

export interface Booted {
  readonly agent: Agent;
  readonly config: AgentConfig;
  readonly profileId: string;
  readonly logger: Logger;
}

/** Composes (does not start) the agent of `configFile`; `makeLogger` gets the validated config. */
export function bootAgent(
  configFile: string,
  env: Readonly<Record<string, string | undefined>>,
  makeLogger: (config: AgentConfig) => Logger,
  hooks: Pick<ComposeOptions, 'restart'> = {},
): Result<Booted, string[]> {
  const loaded = loadConfigFile(configFile, env);
  if (!loaded.ok) return err(loaded.error.map((i) => `config ${i.path}: ${i.message}`));
  const config = withProvisioned(loaded.value);
  if (!config.ok) return err(config.error);
  let profile: ReturnType<typeof loadProfile>;
  try {
    profile = loadProfile(config.value.profile, { overrides: config.value.devices });
  } catch (e) {
    return err([e instanceof ProfileError ? e.message : `profile: ${(e as Error).message}`]);
  }
  const logger = makeLogger(config.value);
  return ok({ agent: composeAgent({ config: config.value, profile, clock: systemClock, logger, ...hooks }), config: config.value, profileId: profile.id, logger });
}
