// `whitelist`: the cached whitelist's change-log version and its row counts (what the pile can
// decide offline with).
import { done } from '../registry.js';
import type { ConsoleCommand } from '../console-io.js';

export const whitelistCommand: ConsoleCommand = {
  name: 'whitelist',
  help: 'whitelist cache version and counts (departments, vehicles, cards, fixed passwords)',
  handler(_args, ctx) {
    const wl = ctx.whitelist();
    const version = wl.version();
    const counts = wl.counts();
    return done(
      [
        `version: ${version}${version === 0 ? ' (empty: never synced or imported)' : ''}`,
        `departments: ${counts.departments}, vehicles: ${counts.vehicles}, cards: ${counts.cards}, fixed passwords: ${counts.fixedPasswords}`,
      ],
      { version, counts },
    );
  },
};
