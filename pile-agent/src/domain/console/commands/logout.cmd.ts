// `logout`: ends the technician's login (stops a running trace); the console asks for the PIN again.
import { done } from '../registry.js';
import type { ConsoleCommand } from '../console-io.js';

export const logoutCommand: ConsoleCommand = {
  name: 'logout',
  help: 'end the technician login',
  handler(_args, _ctx, io) {
    io.logout();
    return done(['logged out'], null);
  },
};
