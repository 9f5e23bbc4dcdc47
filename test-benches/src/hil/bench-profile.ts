// A bench profile: how a hardware-in-the-loop bench is wired to a real charger controller running
// pile-agent (`npx bench run FILE --bench-profile FILE`, docs/hil.md). For each controller: its
// charger profile (which connectors, meter maps and unit addresses the bench must play), the bench's
// USB-CAN SLCAN adapter wired to each connector's CAN, the USB RS-485 adapter on the meter bus, the
// USB-serial cable on the reader port, the technician console (and the environment variable holding
// its PIN — never the PIN in the file), and optionally the commands that switch its supply relay.
// Read from YAML; every problem is reported with its line and path, all at once.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { loadProfile } from '../../../hw-profiles/index.js';

const serialPath = z.string().min(1, 'a serial device path (e.g. /dev/ttyUSB0)');
const baud = z.int().min(1200).max(4_000_000);

const benchPileSchema = z
  .object({
    scenarioPile: z.string().min(1).optional().describe("the scenario's pile this controller plays (default: the scenario's piles in file order)"),
    profile: z.string().min(1).default('sim').describe("the controller's charger profile (hw-profiles): connectors, meter maps and addresses, reader format"),
    console: z.object({ path: serialPath, baud: baud.default(115200) }).strict(),
    pinEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
      .default('PILEGATE_HIL_PIN'),
    can: z.record(z.string().regex(/^\d+$/, 'a connector number'), serialPath).describe("connector → the bench's SLCAN adapter wired to that connector's CAN"),
    canBitrate: z.int().min(10_000).max(1_000_000).default(250_000),
    meters: z
      .object({ path: serialPath, baud: baud.default(9600) })
      .strict()
      .describe('the RS-485 adapter on the meter bus: the bench answers as every meter of the profile'),
    reader: z
      .object({ path: serialPath, baud: baud.default(115200) })
      .strict()
      .optional()
      .describe("the cable on the controller's reader port: the bench plays the PN532"),
    power: z
      .object({ cut: z.string().min(1), on: z.string().min(1) })
      .strict()
      .optional()
      .describe('shell commands switching the controller supply relay (power-cut / power-on steps)'),
  })
  .strict();

export const benchProfileSchema = z
  .object({
    bench: z.string().min(1).describe('a name for this bench'),
    cloud: z
      .object({
        host: z.string().min(1).describe('the address the controller reaches this machine at'),
        listen: z.string().min(1).default('0.0.0.0').describe('the address the cloud listens on'),
        mqttPort: z.int().min(1).max(65_535).optional().describe('a fixed MQTT port (default: a free one)'),
      })
      .strict(),
    piles: z.array(benchPileSchema).min(1),
  })
  .strict();

export type BenchProfile = z.output<typeof benchProfileSchema>;
export type BenchPile = BenchProfile['piles'][number];

export type BenchProfileResult = { readonly ok: true; readonly value: BenchProfile } | { readonly ok: false; readonly issues: readonly string[] };

/** Parses bench-profile YAML; `file` names it in the issues (`file:line path: message`). */
export function parseBenchProfile(text: string, file: string): BenchProfileResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return { ok: false, issues: doc.errors.map((e) => `${file}:${lines.linePos(e.pos[0]).line} (file): YAML: ${e.message.split('\n')[0]}`) };
  const parsed = benchProfileSchema.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => {
      // The line of the deepest node of the path that exists in the file.
      let line = 1;
      for (let n = i.path.length; n >= 0; n--) {
        const node = doc.getIn(i.path.slice(0, n) as (string | number)[], true) as { range?: [number, number] } | undefined;
        if (node?.range) {
          line = lines.linePos(node.range[0]).line;
          break;
        }
      }
      return `${file}:${line} ${i.path.join('.') || '(file)'}: ${i.message}`;
    }),
  };
}

export function loadBenchProfile(file: string): BenchProfileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, issues: [`${file}: cannot read: ${(e as Error).message}`] };
  }
  return parseBenchProfile(text, file);
}

/**
 * Which bench pile plays each scenario pile: named ones first, the rest in order. An error when the
 * bench has too few controllers, names an unknown pile, or gives a pile fewer connectors (its charger
 * profile's, each wired to an adapter) than the scenario registers.
 */
export function assignBenchPiles(profile: BenchProfile, scenarioPiles: ReadonlyMap<string, { readonly connectors: number }>): Map<string, BenchPile> {
  const out = pairBenchPiles(profile, [...scenarioPiles.keys()]);
  for (const [id, b] of out) {
    const wired = loadProfile(b.profile).connectors.filter((c) => b.can[String(c.id)] !== undefined).length;
    const wanted = scenarioPiles.get(id)?.connectors ?? 0;
    if (wired < wanted) throw new Error(`bench profile ${profile.bench}: the controller playing ${id} has ${wired} connector(s) wired to CAN adapters; the scenario registers ${wanted}`);
  }
  return out;
}

function pairBenchPiles(profile: BenchProfile, scenarioPiles: readonly string[]): Map<string, BenchPile> {
  const out = new Map<string, BenchPile>();
  for (const p of profile.piles) {
    if (p.scenarioPile === undefined) continue;
    if (!scenarioPiles.includes(p.scenarioPile)) throw new Error(`bench profile ${profile.bench}: pile ${p.scenarioPile} is not in this scenario (it has ${scenarioPiles.join(', ')})`);
    out.set(p.scenarioPile, p);
  }
  const free = profile.piles.filter((p) => p.scenarioPile === undefined);
  for (const id of scenarioPiles) {
    if (out.has(id)) continue;
    const next = free.shift();
    if (!next) throw new Error(`bench profile ${profile.bench} has ${profile.piles.length} controller(s); this scenario needs ${scenarioPiles.length} (${scenarioPiles.join(', ')})`);
    out.set(id, next);
  }
  return out;
}
