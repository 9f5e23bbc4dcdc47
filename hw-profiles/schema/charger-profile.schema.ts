// A charger model as data (hw-profiles/chargers/<vendor>/<model>.yaml): connectors with their CAN
// transport, meter reference and limits; RS-485 buses shared by meters and the reader; the card
// reader, screen, console and features. Cross-references (bus ids, map ids, addresses) are checked
// after parsing by src/cross-check.ts, so every problem is reported with its path.
import { z } from 'zod';
import { schemaVersion, slug } from './common.schema.js';
import { canTransportSchema, cardReaderSchema, consoleSchema, rs485BusSchema, screenSchema } from './devices.schema.js';

const meterRefSchema = z.union([
  z.object({ map: slug.describe('id of a file in hw-profiles/meters'), bus: slug.describe('id of an rs485 bus'), address: z.int().min(1).max(247) }).strict(),
  z
    .object({
      map: slug,
      tcp: z.object({
        host: z.string().min(1),
        port: z.int().min(1).max(65535).default(502),
        unitId: z.int().min(0).max(255).default(1),
        timeoutMs: z.int().min(10).max(10_000).default(500),
        retries: z.int().min(0).max(10).default(2),
      }),
    })
    .strict(),
]);

export const connectorSchema = z.object({
  id: z.int().min(1).max(16).describe('connector number as printed on the pile'),
  can: canTransportSchema,
  meter: meterRefSchema,
  maxPowerW: z.int().min(1000).max(1_000_000),
  maxCurrentA: z.int().min(1).max(2000),
});

export const chargerProfileSchema = z.object({
  schemaVersion,
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/, '<vendor>/<model> or a bare name like sim'),
  vendor: z.string().min(1),
  model: z.string().min(1),
  connectors: z.array(connectorSchema).min(1),
  rs485: z.array(rs485BusSchema).default([]),
  cardReader: cardReaderSchema.optional(),
  screen: screenSchema.optional(),
  console: consoleSchema.default({ kind: 'stdio' }),
  features: z.object({ vinCharge: z.boolean().describe('mode 4: the VIN button may start a session') }),
});

export type ChargerProfile = z.output<typeof chargerProfileSchema>;
export type Connector = ChargerProfile['connectors'][number];
export type Rs485Bus = ChargerProfile['rs485'][number];
export type MeterRef = Connector['meter'];
