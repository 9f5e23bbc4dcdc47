// The embedded MQTT broker (aedes 1.2, MQTT 3.1.1 only): listens on a TCP port, authenticates piles
// and confines them with broker/auth.ts. A refused subscription gets SUBACK 0x80; a refused publish
// closes the pile's connection (aedes' behaviour). Exposes the aedes instance for the cloud's own
// in-process subscribers (the sync, a later issue).
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes, type Client } from 'aedes';
import { authenticatePile, mayPublish, maySubscribe, type PileVerifier } from './auth.js';

export interface BrokerDeps {
  verify: PileVerifier;
  log?: (level: 'info' | 'warn', obj: object, msg: string) => void;
}

export interface RunningBroker {
  aedes: Aedes;
  port: number;
  close(): Promise<void>;
}

export async function startBroker(deps: BrokerDeps, port: number, host = '127.0.0.1'): Promise<RunningBroker> {
  const piles = new WeakMap<Client, string>();
  const log = deps.log ?? (() => {});
  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      authenticatePile(deps.verify, username, password).then(
        (r) => {
          if (r.ok) {
            piles.set(client, r.pileId);
            log('info', { pileId: r.pileId, clientId: client.id }, 'pile connected');
            done(null, true);
          } else {
            log('warn', { username, clientId: client.id, reason: r.reason }, 'pile refused');
            done(Object.assign(new Error(r.reason), { returnCode: r.returnCode }), false);
          }
        },
        (e: Error) => done(Object.assign(e, { returnCode: 3 as const }), false),
      );
    },
    authorizePublish: (client, packet, done) => {
      const pileId = client ? piles.get(client) : undefined;
      if (client === null) return done(null); // the broker's own publishes
      if (pileId && mayPublish(pileId, packet.topic)) return done(null);
      log('warn', { pileId, topic: packet.topic }, 'publish refused');
      done(new Error(`pile ${pileId} may not publish to ${packet.topic}`));
    },
    authorizeSubscribe: (client, sub, done) => {
      const pileId = piles.get(client);
      if (pileId && maySubscribe(pileId, sub.topic)) return done(null, sub);
      log('warn', { pileId, topic: sub.topic }, 'subscribe refused');
      done(null, null);
    },
  });
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    aedes,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        aedes.close(() => server.close(() => resolve()));
      }),
  };
}
