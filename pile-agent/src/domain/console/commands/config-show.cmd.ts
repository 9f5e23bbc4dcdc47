// `config show`: the effective configuration as `path = value` lines, secrets (PIN hash,
// passwords, keys, tokens) redacted here even if the context already did.
import { done } from '../registry.js';
import { flatten, redact } from '../format.js';
import type { ConsoleCommand } from '../console-io.js';

export const configShowCommand: ConsoleCommand = {
  name: 'config show',
  help: 'the effective configuration, secrets redacted',
  handler(_args, ctx) {
    const safe = redact(ctx.config());
    return done(flatten(safe), safe);
  },
};
