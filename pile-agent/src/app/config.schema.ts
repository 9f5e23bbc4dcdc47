// The agent's configuration (house rule R11): one zod schema per block, every option with its
// description, unit, range and default, validated at boot by config-load.ts (file + `PILEGATE_`
// environment overrides). Read only in app/. Every option needs a restart to take effect (the agent
// has no live reload yet); hardware facts are not here but in the charger profile (hw-profiles).
import { z } from 'zod';
import { PILE_ID_PATTERN } from '../protocols/sync/topics.js';
import { isSecretHash } from '../shared/secret-hash.js';

const ms = (what: string, min: number, max: number, def: number) => z.int().min(min).max(max).default(def).describe(`${what} [ms, ${min}–${max}, default ${def}]`);

export const sessionConfigSchema = z
  .object({
    authorizeTimeoutMs: ms('budget for a credential decision (password hashing, whitelist lookups)', 500, 60_000, 10_000),
    connectTimeoutMs: ms("from the GB/T link start until K1/K2 close for charging; the link's own GB/T timeouts come first", 10_000, 600_000, 180_000),
    stopTimeoutMs: ms('from a stop request until the GB/T link ends; then the session is closed anyway', 1_000, 120_000, 30_000),
    resetViewMs: ms('how long the finished / refused screen stays before idle', 1_000, 600_000, 15_000),
    meterSampleIntervalMs: ms('meter reading journaled while charging (the power-loss close uses the last one)', 200, 600_000, 10_000),
    keypadMaxFailures: z.int().min(1).max(20).default(5).describe("wrong passwords in a row before the connector's keypad locks [count, 1–20, default 5]"),
    keypadLockMs: ms('how long the keypad stays locked', 1_000, 3_600_000, 300_000),
  })
  .strict();

export const gbtConfigSchema = z
  .object({
    chargerNumber: z.int().min(1).max(0xffff_fffe).default(1).describe('charger number sent in CRM/CSD (GB/T 27930-2015 §10.2) [1–4294967294, default 1]'),
    decisionTimeoutMs: ms("budget of the VIN decision at BRM before CRM 0xAA (reference §4.6; keep inside the BMS's 5 s)", 500, 4_500, 4_000),
  })
  .strict();

export const powerStageConfigSchema = z
  .object({
    kind: z.literal('bench').default('bench').describe("the power stage that answers the GB/T link's insulation / pre-charge requests; only the bench stand-in exists yet"),
    insulationMs: ms('bench stand-in: time of the insulation check, always passing', 0, 30_000, 200),
    prechargeMs: ms('bench stand-in: time of the voltage check and pre-charge, always passing', 0, 30_000, 200),
  })
  .strict();

export const cloudConfigSchema = z
  .object({
    url: z
      .string()
      .regex(/^mqtts?:\/\/\S+$/, 'mqtt://host:port or mqtts://host:port')
      .optional()
      .describe('MQTT broker of the cloud; absent: the agent runs offline (the sync issue uses this)'),
    username: z.string().min(1).optional().describe('MQTT user name (usually the pile id)'),
    passwordFile: z.string().min(1).optional().describe('file holding the MQTT password (never the password itself in this file)'),
    caFile: z.string().min(1).optional().describe('CA certificate for mqtts'),
    keepaliveS: z.int().min(5).max(3_600).default(60).describe('MQTT keepalive [s, 5–3600, default 60]'),
  })
  .strict();

export const screenConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe("drive the touchscreen (the profile's framebuffer and touch device, and the driver socket when set) [default true]"),
    framebuffer: z.boolean().default(true).describe("draw on the profile's `screen.framebuffer` device; a missing device raises `screen.unavailable` and the agent keeps running [default true]"),
    socketPath: z.string().min(1).optional().describe('Unix socket for external touchscreen drivers (pilegate-screen/1); absent with no socketPort: no socket'),
    socketPort: z.int().min(0).max(65_535).optional().describe('TCP port on 127.0.0.1 for external touchscreen drivers instead of socketPath (0: any free port)'),
    title: z.string().min(1).max(40).optional().describe('header text of every screen; default the pile id'),
    titleEn: z.string().min(1).max(40).optional().describe('that text on the English screen (e.g. "Depot 1 · Pile 3"); default: title'),
    renderIntervalMs: ms('least time between two renders (debounce; 100 = at most 10 renders/s)', 100, 5_000, 100),
    maxPasswordDigits: z.int().min(4).max(12).default(8).describe('digits the keypad takes for a stop / fixed password [count, 4–12, default 8]'),
  })
  .strict();

export const agentConfigSchema = z
  .object({
    pileId: z.string().regex(PILE_ID_PATTERN, 'pile id: letters, digits, _ . - (one MQTT topic level)').describe("this pile's id, as registered in the cloud"),
    stationId: z.int().positive().describe('the station (depot) this pile belongs to [positive integer]'),
    dataDir: z.string().min(1).describe('directory of agent.db (whitelist cache, session journal, outbox); created if missing'),
    profile: z.string().min(1).default('sim').describe('charger profile: a shipped id (sim, <vendor>/<model>) or a YAML file'),
    devices: z
      .record(z.string().min(1), z.string().min(1))
      .default({})
      .describe('device path overrides by logical name: rs485.<bus>, can.<connector>, meter.<connector>, reader, screen.framebuffer, screen.touch, console'),
    language: z.enum(['zh-CN', 'en']).default('zh-CN').describe('screen and console language'),
    utcOffsetMinutes: z
      .int()
      .min(-720)
      .max(840)
      .default(480)
      .describe("local time of the station, minutes east of UTC: the tariff's time-of-use periods for the cost on the screen [default 480, China Standard Time]"),
    whitelistSeedFile: z.string().min(1).optional().describe('a whitelist page (JSON snapshot or delta) applied at start when newer than the cache: offline commissioning'),
    console: z
      .object({
        pinHash: z.string().refine(isSecretHash, 'a scrypt hash made by `pile-agent` secret hashing').optional().describe('technician console PIN, scrypt hash'),
      })
      .strict()
      .prefault({}),
    cloud: cloudConfigSchema.prefault({}),
    session: sessionConfigSchema.prefault({}),
    gbt: gbtConfigSchema.prefault({}),
    powerStage: powerStageConfigSchema.prefault({}),
    screen: screenConfigSchema.prefault({}),
    log: z
      .object({
        level: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('log level (JSON lines on stdout)'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type AgentConfigInput = z.input<typeof agentConfigSchema>;
export type AgentConfig = z.output<typeof agentConfigSchema>;

/** Environment overrides use this one prefix (config-load.ts). */
export const ENV_PREFIX = 'PILEGATE_';

/** The config with secrets hidden, for the console and logs. */
export function redactConfig(config: AgentConfig): AgentConfig {
  return {
    ...config,
    console: config.console.pinHash ? { pinHash: '<redacted>' } : {},
    cloud: { ...config.cloud, ...(config.cloud.passwordFile ? { passwordFile: '<redacted path>' } : {}) },
  };
}
