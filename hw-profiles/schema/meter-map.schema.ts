// A Modbus energy-meter register map as data (hw-profiles/meters/*.yaml): where energy, power,
// voltage and current live, how they are encoded and scaled, the public source each fact comes from,
// which facts are unconfirmed, and sample readings every map must decode to its expected values.
import { z } from 'zod';
import { parity, schemaVersion, slug } from './common.schema.js';

export const registerType = z.enum(['u16', 's16', 'u32', 's32', 'f32', 'u64']);
const order = z.enum(['big', 'little']);
const functionCode = z.union([z.literal(3), z.literal(4)]).describe('3 = holding registers, 4 = input registers');
const address = z.int().min(0).max(0xffff).describe('0-based register address as sent on the wire');

const register = z.object({
  functionCode: functionCode.optional(),
  address,
  type: registerType,
  wordOrder: order.optional().describe('big = lower address holds the high word (default from defaults)'),
  byteOrder: order.optional().describe('big = high byte first inside a register (Modbus standard)'),
  scale: z.number().positive().default(1).describe('multiplier applied to the raw value'),
  exponent: z
    .object({ address, type: z.enum(['u16', 's16']).default('u16'), bias: z.int().min(-12).max(12).default(0) })
    .optional()
    .describe('decimal-exponent register: value = raw × scale × 10^(register + bias)'),
  unit: z.string().describe('unit of raw × scale × 10^exponent'),
});

const units = { energy: ['Wh', 'kWh', 'MWh'], power: ['W', 'kW', 'MW'], voltage: ['mV', 'V', 'kV'], current: ['mA', 'A', 'kA'] } as const;
const quantity = (q: keyof typeof units) => register.refine((r) => (units[q] as readonly string[]).includes(r.unit), { message: `unit must be one of ${units[q].join(', ')}`, path: ['unit'] });

const hexWords = z
  .string()
  .regex(/^\s*([0-9a-fA-F]{4}\s*)+$/, 'register words as 4-digit hex separated by spaces')
  .transform((s) =>
    s
      .trim()
      .split(/\s+/)
      .map((w) => parseInt(w, 16)),
  );

export const meterMapSchema = z.object({
  schemaVersion,
  id: slug,
  vendor: z.string().min(1),
  model: z.string().min(1),
  kind: z.enum(['dc', 'ac']),
  source: z
    .array(z.object({ title: z.string().min(1), version: z.string().optional(), url: z.string().optional(), notes: z.string().optional() }))
    .min(1)
    .describe('public documents the register facts come from'),
  unconfirmed: z
    .array(z.object({ field: z.string(), note: z.string() }))
    .default([])
    .describe('facts the sources do not settle; check them on a real device'),
  link: z
    .object({ baud: z.int(), parity, dataBits: z.int().default(8), stopBits: z.int().default(1) })
    .partial()
    .optional()
    .describe('factory serial defaults'),
  defaults: z.object({ functionCode: functionCode.default(3), wordOrder: order.default('big'), byteOrder: order.default('big') }).prefault({}),
  readPlan: z.object({ maxGap: z.int().min(0).max(125).default(0).describe('unmapped registers one read may span') }).prefault({}),
  registers: z.object({ energy: quantity('energy'), power: quantity('power'), voltage: quantity('voltage'), current: quantity('current') }),
  samples: z
    .array(
      z.object({
        note: z.string().describe('where the words come from (captured frame, worked example)'),
        blocks: z.array(z.object({ functionCode: functionCode.default(3), address, words: hexWords })).min(1),
        expected: z.object({ energyWh: z.int(), powerW: z.int(), voltageMv: z.int(), currentMa: z.int() }),
      }),
    )
    .min(1)
    .describe('register words and the integer values they must decode to'),
});

export type MeterMapFile = z.output<typeof meterMapSchema>;
export type MeterQuantityName = keyof MeterMapFile['registers'];

/** A register entry with every default filled in (what drivers and simulators consume). */
export interface ResolvedRegister {
  readonly functionCode: 3 | 4;
  readonly address: number;
  readonly type: z.output<typeof registerType>;
  readonly wordOrder: 'big' | 'little';
  readonly byteOrder: 'big' | 'little';
  readonly scale: number;
  readonly exponent?: { readonly address: number; readonly type: 'u16' | 's16'; readonly bias: number };
  readonly unit: string;
}

export interface MeterMap extends Omit<MeterMapFile, 'registers'> {
  readonly registers: Readonly<Record<MeterQuantityName, ResolvedRegister>>;
}

export function resolveMeterMap(file: MeterMapFile): MeterMap {
  const d = file.defaults;
  const fill = (r: MeterMapFile['registers'][MeterQuantityName]): ResolvedRegister => ({
    functionCode: r.functionCode ?? d.functionCode,
    address: r.address,
    type: r.type,
    wordOrder: r.wordOrder ?? d.wordOrder,
    byteOrder: r.byteOrder ?? d.byteOrder,
    scale: r.scale,
    ...(r.exponent ? { exponent: r.exponent } : {}),
    unit: r.unit,
  });
  const r = file.registers;
  return { ...file, registers: { energy: fill(r.energy), power: fill(r.power), voltage: fill(r.voltage), current: fill(r.current) } };
}
