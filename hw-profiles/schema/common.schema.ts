// Pieces shared by every hw-profiles schema: the schema version, ids, device paths and serial-line
// settings. Every file carries schemaVersion so a future format change can be migrated explicitly.
import { z } from 'zod';

export const SCHEMA_VERSION = 1;
export const schemaVersion = z.literal(SCHEMA_VERSION).describe('format version of this file; 1 is the only one');

export const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes, starting with a letter or digit');

export const devicePath = z.string().min(1).describe('a device node (/dev/ttyS1) or, in benches, a pty path; overridable');

export const parity = z.enum(['none', 'even', 'odd']);

export const serialSettings = {
  baud: z.int().min(300).max(4_000_000).describe('bits per second'),
  parity: parity.default('none'),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
};
