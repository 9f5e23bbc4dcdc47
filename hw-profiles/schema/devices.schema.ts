// Schemas of a charger's devices other than meters: the CAN transport per connector, the RS-485
// buses, the card reader, the screen and the technician console. Every device path is overridable
// by its logical name (see src/overrides.ts), so benches can point the same profile at pty pairs.
import { z } from 'zod';
import { devicePath, serialSettings, slug } from './common.schema.js';

export const canTransportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('socketcan'), iface: z.string().regex(/^[a-z][a-z0-9]{0,14}$/, 'a Linux interface name like can0') }),
  z.object({
    kind: z.literal('slcan'),
    path: devicePath,
    baud: z.int().min(9600).describe('serial rate of the USB/serial adapter'),
    bitrate: z.union([z.literal(125_000), z.literal(250_000), z.literal(500_000), z.literal(1_000_000)]).describe('CAN bit rate; GB/T 27930 uses 250 kbit/s'),
  }),
  z.object({ kind: z.literal('candump'), file: z.string().min(1).describe('a candump -L log replayed as the bus (technician traces)') }),
]);

export const rs485BusSchema = z.object({
  id: slug,
  path: devicePath,
  ...serialSettings,
  timeoutMs: z.int().min(10).max(10_000).default(300).describe('answer timeout per Modbus request'),
  retries: z.int().min(0).max(10).default(2).describe('extra attempts before a device counts as lost'),
  interFrameGapMs: z.number().min(0).max(1000).optional().describe('silence before each request; default t3.5 of the baud rate'),
});

/**
 * Card-reader protocols the agent knows. Open: any other lower-case name validates (a driver for it
 * may come later), the composition root refuses names it has no driver for.
 * - `pn532-hsu`: NXP PN532 over its high-speed UART (UM0701-02 §6.2), 115200 8N1.
 */
export const KNOWN_READER_PROTOCOLS = ['pn532-hsu'] as const;

export const cardReaderSchema = z.object({
  protocol: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .describe(`reader protocol name, e.g. ${KNOWN_READER_PROTOCOLS.join(', ')}`),
  transport: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('serial'), path: devicePath, ...serialSettings }),
    z.object({ kind: z.literal('bus'), bus: slug.describe('id of an rs485 bus'), address: z.int().min(1).max(247) }),
  ]),
  cardNumber: z.enum(['hex', 'decimal-le', 'decimal-be']).default('hex').describe('canonical card-number form (pile-agent card-number.ts)'),
});

export const screenSchema = z.object({
  width: z.int().min(1).max(8192),
  height: z.int().min(1).max(8192),
  pixelFormat: z.enum(['RGB565', 'XRGB8888']),
  framebuffer: devicePath.describe('e.g. /dev/fb0'),
  touch: devicePath.optional().describe('evdev node, e.g. /dev/input/event1'),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).default(0),
});

export const consoleSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('serial'), path: devicePath, baud: z.int().min(300).default(115200) }), z.object({ kind: z.literal('stdio') })]);
