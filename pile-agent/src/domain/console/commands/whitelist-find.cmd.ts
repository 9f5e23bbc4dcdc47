// `whitelist find <VIN|plate|card>`: looks the text up as a VIN (exact, 17 characters), a card
// number (normalised as the reader prints it) and a plate fragment (case, spaces and hyphens
// ignored), and shows every match with its department and that department's flags (docs/charging-modes.md).
import { done, failed } from '../registry.js';
import { columns } from '../format.js';
import { VIN_PATTERN } from '../../../protocols/gbt27930/vin.js';
import { normaliseCardNumberText } from '../../../protocols/card-reader/card-number.js';
import type { ConsoleWhitelist } from '../console-context.js';
import type { CardEntry, VehicleEntry } from '../../authorization/whitelist.types.js';
import type { ConsoleCommand } from '../console-io.js';

const PLATE_LIMIT = 20;

function departmentText(wl: ConsoleWhitelist, id: string | null): string {
  if (id === null) return 'no department';
  const d = wl.department(id);
  if (!d) return `${id} (not in cache)`;
  const flags = [d.boundHere ? 'bound here' : 'NOT bound here', d.canPay ? 'can pay' : 'CANNOT pay', d.vinOnly ? 'VIN-only' : '', d.offlineAllowed ? 'offline ok' : 'online only'];
  return `${d.name} [${id}] (${flags.filter(Boolean).join(', ')})`;
}

export const whitelistFindCommand: ConsoleCommand = {
  name: 'whitelist find',
  args: [{ name: 'query', kind: 'string' }],
  help: 'find a vehicle by VIN or plate, or a card by number, in the whitelist cache',
  handler(args, ctx) {
    const query = String(args.query).trim();
    if (query.length < 2) return failed('give at least 2 characters of a VIN, plate or card number');
    const wl = ctx.whitelist();
    const vehicles = new Map<string, VehicleEntry>();
    const upper = query.toUpperCase();
    if (VIN_PATTERN.test(upper)) {
      const v = wl.vehicleByVin(upper);
      if (v) vehicles.set(v.vin, v);
    }
    for (const v of wl.findByPlate(query, PLATE_LIMIT)) vehicles.set(v.vin, v);
    const cardNo = normaliseCardNumberText(query);
    const card: CardEntry | undefined = /^[0-9A-Z]+$/.test(cardNo) ? wl.card(cardNo) : undefined;
    const lines: string[] = [];
    if (vehicles.size > 0) {
      lines.push(`vehicles: ${vehicles.size}`);
      const rows = [...vehicles.values()].map((v) => [v.vin, v.plate, departmentText(wl, v.departmentId)]);
      lines.push(...columns([['vin', 'plate', 'department'], ...rows]).map((l) => `  ${l}`));
    }
    if (card) {
      const role = card.stationAdmin ? 'station administrator (mode 1)' : `${card.memberKind} member`;
      lines.push(`card ${card.cardNo}: ${card.memberName} [${card.memberId}], ${role}; department ${departmentText(wl, card.departmentId)}`);
    }
    if (lines.length === 0) lines.push(`no vehicle or card matches "${query}"`);
    return done(lines, { vehicles: [...vehicles.values()], card: card ?? null });
  },
};
