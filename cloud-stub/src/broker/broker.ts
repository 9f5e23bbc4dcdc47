// The embedded MQTT broker (aedes 1.2, MQTT 3.1.1 only): listens on a TCP port, authenticates piles
// and the cloud's own sync client and confines them with broker/auth.ts. A refused subscription gets
// SUBACK 0x80; a refused publish closes the client's connection (aedes' behaviour). Exposes the aedes
// instance for in-process subscribers.
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { Aedes, type Client } from 'aedes';
import { PacketSizeGuard } from './packet-size.js';
import { authenticate, mayPublish, maySubscribe, unshare, type CloudCredentials, type Identity, type PileVerifier } from './auth.js';

export type BrokerLog = (level: 'info' | 'warn', obj: object, msg: string) => void;

export interface BrokerDeps {
  verify: PileVerifier;
  /** The privileged cloud identity (reads every pile's up/, writes every pile's down/). */
  cloud?: CloudCredentials;
  log?: BrokerLog;
  /** Largest MQTT packet accepted (fixed header included); a larger one drops the connection. */
  maxPacketBytes?: number;
  /** An extra TLS listener (mqtts) next to the plain TCP one; port 0 = any free port. */
  tls?: { port: number; cert: Buffer; key: Buffer };
}

/** 1 MiB of payload plus room for the topic and headers. */
export const DEFAULT_MAX_PACKET_BYTES = 1024 * 1024 + 4096;

export interface RunningBroker {
  aedes: Aedes;
  port: number;
  /** The TLS listener's port, null when none. */
  tlsPort: number | null;
  /** Disconnects a connected pile at once (revocation); false when it was not connected. */
  disconnectPile(pileId: string): boolean;
  close(): Promise<void>;
}

export async function startBroker(deps: BrokerDeps, port: number, host = '127.0.0.1'): Promise<RunningBroker> {
  const who = new WeakMap<Client, Identity>();
  const log = deps.log ?? (() => {});
  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      authenticate(deps.verify, deps.cloud, client.id, username, password).then(
        (r) => {
          if (r.ok) {
            who.set(client, r.identity);
            log('info', { ...r.identity, clientId: client.id }, 'mqtt client connected');
            done(null, true);
          } else {
            log('warn', { username, clientId: client.id, returnCode: r.returnCode, reason: r.reason }, 'mqtt connect refused');
            done(Object.assign(new Error(r.reason), { returnCode: r.returnCode }), false);
          }
        },
        (e: Error) => done(Object.assign(e, { returnCode: 3 as const }), false),
      );
    },
    authorizePublish: (client, packet, done) => {
      if (client === null) return done(null); // the broker's own publishes
      const id = who.get(client);
      if (id && mayPublish(id, packet.topic)) return done(null);
      log('warn', { ...id, clientId: client.id, topic: packet.topic }, 'mqtt publish refused');
      done(new Error(`client ${client.id} may not publish to ${packet.topic}`));
    },
    authorizeSubscribe: (client, sub, done) => {
      const id = who.get(client);
      if (id && maySubscribe(id, sub.topic)) return done(null, id.kind === 'cloud' ? { ...sub, topic: unshare(sub.topic) } : sub);
      log('warn', { ...id, clientId: client.id, topic: sub.topic }, 'mqtt subscribe refused');
      done(null, null);
    },
  });
  const max = deps.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
  const accept = (socket: Socket) => {
    const guard = new PacketSizeGuard(max);
    // A 'data' listener next to aedes' 'readable' one sees every chunk aedes reads (no flowing mode).
    socket.on('data', (chunk: Buffer) => {
      const bad = guard.feed(chunk);
      if (bad) {
        log('warn', { remote: socket.remoteAddress, reason: bad }, 'mqtt packet refused');
        socket.destroy();
      }
    });
    aedes.handle(socket);
  };
  const listen = (srv: Server, p: number) =>
    new Promise<number>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(p, host, () => resolve((srv.address() as AddressInfo).port));
    });
  const server: Server = createServer(accept);
  const actual = await listen(server, port);
  const tlsServer = deps.tls ? createTlsServer({ cert: deps.tls.cert, key: deps.tls.key }, accept) : null;
  const tlsPort = tlsServer ? await listen(tlsServer, deps.tls!.port) : null;
  return {
    aedes,
    port: actual,
    tlsPort,
    disconnectPile: (pileId) => {
      const c = (aedes as unknown as { clients: Record<string, Client | undefined> }).clients[pileId];
      if (!c || who.get(c)?.kind !== 'pile') return false;
      log('info', { pileId }, 'mqtt pile disconnected (revoked)');
      c.close();
      return true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        aedes.close(() => server.close(() => (tlsServer ? tlsServer.close(() => resolve()) : resolve())));
      }),
  };
}
