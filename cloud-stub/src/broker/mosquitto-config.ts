// The files of a mosquitto 2 broker that enforces the same policy as the embedded one: mosquitto.conf
// (one listener, no anonymous clients, password_file, acl_file, max_packet_size, no persistence),
// passwd (the piles' `$7$` hashes kept by the cloud, plus the cloud user) and acl (a pile writes only
// its own up/ and reads only its own down/; the cloud user reads every up/ and writes every down/).
// Pure text builders; broker.cli.ts reads the database and writes the files.
import { ALL_PILES_UP_FILTER, TOPIC_ROOT } from '../../../pile-agent/contract.js';
import { DEFAULT_MAX_PACKET_BYTES } from './broker.js';

/** mosquitto splits passwd lines at ':' — so the cloud user has '@' (never in a pile id) instead. */
export const MOSQUITTO_CLOUD_USER = 'cloud@main';

export interface MosquittoInput {
  piles: { pileId: string; brokerHash: string }[];
  cloudUser: string;
  cloudHash: string;
  host: string;
  port: number;
  /** Absolute paths the conf refers to. */
  passwdPath: string;
  aclPath: string;
  maxPacketBytes?: number;
}

export function mosquittoConf(i: MosquittoInput): string {
  return [
    '# Written by `cloud-stub broker mosquitto-config`; regenerate after adding, rotating or removing piles,',
    '# then `kill -HUP` mosquitto to reload passwd and acl.',
    'per_listener_settings false',
    `listener ${i.port} ${i.host}`,
    'protocol mqtt',
    'allow_anonymous false',
    "# the client id is forced to the username = pile id: no pile can take over another pile's session",
    'use_username_as_clientid true',
    `password_file ${i.passwdPath}`,
    `acl_file ${i.aclPath}`,
    `max_packet_size ${i.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES}`,
    'persistence false',
    '',
  ].join('\n');
}

export function mosquittoPasswd(i: MosquittoInput): string {
  return [...i.piles.map((p) => `${p.pileId}:${p.brokerHash}`), `${i.cloudUser}:${i.cloudHash}`, ''].join('\n');
}

export function mosquittoAcl(i: MosquittoInput): string {
  return [
    '# Every pile: %u = its username = its pile id.',
    `pattern write ${TOPIC_ROOT}/%u/up/#`,
    `pattern read ${TOPIC_ROOT}/%u/down/#`,
    '',
    `user ${i.cloudUser}`,
    `topic read ${ALL_PILES_UP_FILTER}`,
    `topic write ${TOPIC_ROOT}/+/down/#`,
    '',
  ].join('\n');
}
