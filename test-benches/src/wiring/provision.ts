// Provisioning a pile, as one step: register it at its station over the cloud's HTTP API (the cloud
// issues its MQTT secret once), keep the secret in a file only its agent reads (mode 0600), and write
// the agent's config for a rig — pile id, station, the rig's devices, the cloud's broker and the secret
// file — ready for `pile-agent run --config FILE` (or pile-process.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentConfigInput } from '../../../pile-agent/index.js';
import type { Api } from '../sync/http-api.js';
import type { SimRig } from './sim-rig.js';

export interface ProvisionedPile {
  readonly pileId: string;
  readonly stationId: number;
  readonly configFile: string;
  readonly secretFile: string;
}

/** The secret and config file of a pile registered already (`secret` as the registration returned it). */
export function writePileFiles(
  rig: SimRig,
  p: { readonly pileId: string; readonly stationId: number; readonly secret: string; readonly mqttUrl: string; readonly dir: string },
  config: Partial<AgentConfigInput> = {},
): ProvisionedPile {
  const secretFile = join(p.dir, `${p.pileId}.secret`);
  writeFileSync(secretFile, p.secret, { mode: 0o600 });
  const configFile = rig.writeConfig(join(p.dir, `${p.pileId}.json`), {
    dataDir: join(p.dir, p.pileId),
    pileId: p.pileId,
    stationId: p.stationId,
    ...config,
    cloud: { url: p.mqttUrl, passwordFile: secretFile, ...config.cloud },
  });
  return { pileId: p.pileId, stationId: p.stationId, configFile, secretFile };
}

/** Registers the rig's pile at `stationId` and writes its secret and config into `dir`. */
export async function provisionPile(
  api: Api,
  rig: SimRig,
  p: { readonly stationId: number; readonly connectors?: number; readonly mqttUrl: string; readonly dir: string },
  config: Partial<AgentConfigInput> = {},
): Promise<ProvisionedPile> {
  const r = (await api('POST', `/api/v1/stations/${p.stationId}/piles`, { pileId: rig.pileId, connectors: p.connectors ?? rig.profile.connectors.length })) as { secret: string };
  return writePileFiles(rig, { pileId: rig.pileId, stationId: p.stationId, secret: r.secret, mqttUrl: p.mqttUrl, dir: p.dir }, config);
}
