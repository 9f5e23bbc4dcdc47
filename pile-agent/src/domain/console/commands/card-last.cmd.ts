// `card last`: the last card presented to the reader since the agent started (canonical number,
// raw UID, when), so a technician can check a reader and a card without starting a session.
import { done } from '../registry.js';
import { formatDuration, isoSeconds } from '../format.js';
import type { ConsoleCommand } from '../console-io.js';

export const cardLastCommand: ConsoleCommand = {
  name: 'card last',
  help: 'the last card presented to the reader (number, UID, time)',
  handler(_args, ctx, io) {
    if (ctx.devices().reader === null) return done(['no card reader in this profile'], null);
    const card = ctx.lastCard();
    if (!card) return done(['no card presented since the agent started'], null);
    const age = formatDuration(Math.max(0, io.now() - card.atMs));
    return done([`card ${card.cardNo} (UID ${card.uidHex}) at ${isoSeconds(card.atMs)}, ${age} ago`], card);
  },
};
