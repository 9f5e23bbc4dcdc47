// Validation of the `bench bms` options (pure, so it is unit-tested): raw commander strings → the
// simulator config and the SLCAN settings, or a list of clear error sentences (exit code 2), plus
// warnings such as "VIN text is not a valid VIN" (bad VIN text is allowed on purpose).
import { SLCAN_BITRATES, classifyVinText } from '../../../../pile-agent/protocols.js';
import { BMS_BEHAVIOR_NAMES, createBehavior, isBmsBehaviorName, type BmsBehaviorName } from './behaviors/index.js';
import type { BmsSimConfig } from './bms-config.js';

export interface BmsCliRaw {
  readonly port?: string;
  readonly vin?: string;
  readonly edition: string;
  readonly behavior?: string;
  readonly bitrate: string;
  readonly baud: string;
  readonly targetSoc?: string;
  readonly soc?: string;
  readonly socSpeed?: string;
  readonly seed?: string;
}

export interface BmsCliParsed {
  readonly port: string;
  readonly bitrate: number;
  readonly baud: number;
  readonly behaviors: readonly BmsBehaviorName[];
  readonly config: BmsSimConfig;
  readonly warnings: readonly string[];
}

export type BmsCliResult = { readonly ok: true; readonly value: BmsCliParsed } | { readonly ok: false; readonly errors: readonly string[] };

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,17}$/;

function num(raw: string | undefined, name: string, min: number, max: number, errors: string[], integer = true): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
    errors.push(`${name} must be ${integer ? 'an integer' : 'a number'} ${min}–${max}, got ${JSON.stringify(raw)}`);
    return undefined;
  }
  return v;
}

export function parseBmsCliOptions(raw: BmsCliRaw): BmsCliResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!raw.port) errors.push('--port PATH is required (the serial device of the SLCAN adapter or a virtual-bus port)');
  const edition = raw.edition;
  if (edition !== '2011' && edition !== '2015') errors.push(`--edition must be 2011 or 2015, got ${JSON.stringify(edition)}`);

  const behaviors: BmsBehaviorName[] = [];
  for (const name of (raw.behavior ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (isBmsBehaviorName(name)) behaviors.push(name);
    else errors.push(`unknown --behavior ${JSON.stringify(name)}; known: ${BMS_BEHAVIOR_NAMES.join(', ')}`);
  }

  let vin: string | null = null;
  if (raw.vin === undefined || raw.vin.toLowerCase() === 'none') {
    const vinNotNeeded = edition === '2011' || behaviors.includes('no-vin') || behaviors.includes('bad-check-digit');
    if (raw.vin === undefined && !vinNotNeeded) errors.push('--vin VIN is required for a 2015 BMS (use --vin none for a BMS that sends no VIN)');
  } else if (!PRINTABLE_ASCII.test(raw.vin)) {
    errors.push(`--vin must be 1–17 printable ASCII characters, got ${JSON.stringify(raw.vin)}`);
  } else {
    vin = raw.vin;
    const status = classifyVinText(vin);
    if (status !== 'valid' && !behaviors.includes('bad-check-digit')) {
      warnings.push(`VIN ${JSON.stringify(vin)} is ${status === 'malformed' ? 'not a 17-character VIN' : 'a VIN with a wrong check digit'}: sent as given, on purpose`);
    }
  }

  const bitrate = num(raw.bitrate, '--bitrate', 1, 1_000_000, errors);
  if (bitrate !== undefined && !SLCAN_BITRATES.includes(bitrate)) errors.push(`--bitrate must be an SLCAN preset (${SLCAN_BITRATES.join(', ')}), got ${bitrate}`);
  const baud = num(raw.baud, '--baud', 1200, 4_000_000, errors);
  const targetSocPercent = num(raw.targetSoc, '--target-soc', 1, 100, errors);
  const socPercent = num(raw.soc, '--soc', 0, 100, errors, false);
  const socSpeed = num(raw.socSpeed, '--soc-speed', 0.001, 100_000, errors, false);
  const seed = num(raw.seed, '--seed', 0, 0xffffffff, errors);
  if (targetSocPercent !== undefined && socPercent !== undefined && socPercent >= targetSocPercent) {
    warnings.push(`--soc ${socPercent} is not below --target-soc ${targetSocPercent}: the BMS stops as soon as charging starts`);
  }

  if (errors.length) return { ok: false, errors };
  const config: BmsSimConfig = {
    vin,
    edition: edition as '2011' | '2015',
    behavior: behaviors.map((b) => createBehavior(b, { targetSocPercent, seed })),
    settings: {
      ...(targetSocPercent !== undefined ? { targetSocPercent } : {}),
      battery: {
        ...(socPercent !== undefined ? { startSocPermille: Math.round(socPercent * 10) } : {}),
        ...(socSpeed !== undefined ? { socSpeed } : {}),
      },
    },
  };
  return { ok: true, value: { port: raw.port!, bitrate: bitrate!, baud: baud!, behaviors, config, warnings } };
}
