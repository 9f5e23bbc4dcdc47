// Puts bench meters on a Modbus TCP port (127.0.0.1, ephemeral by default): MBAP framing from the
// agent's own codec, one meter per unit id, same behaviours as over RTU (bad-crc has no meaning on
// TCP and answers normally).
import { createServer, type Server, type Socket } from 'node:net';
import { encodeMbap, MbapFramer } from '../../../../pile-agent/protocols.js';
import type { Clock } from '../../../../pile-agent/ports.js';
import type { ModbusMeterSim } from './modbus-meter.sim.js';

export class ModbusTcpSimServer {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly deps: { readonly meters: ReadonlyMap<number, ModbusMeterSim>; readonly clock: Clock }) {}

  /** Listens and resolves with the port. */
  listen(port = 0, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer((s) => this.serve(s));
      server.once('error', reject);
      server.listen(port, host, () => {
        this.server = server;
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const framer = new MbapFramer();
    socket.on('data', (d: Buffer) => {
      const out = framer.feed(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
      for (const adu of out.adus) {
        const meter = this.deps.meters.get(adu.unitId);
        if (!meter) continue;
        const reply = meter.respond(adu.pdu);
        if (!reply.pdu) continue;
        const bytes = encodeMbap({ transactionId: adu.transactionId, unitId: adu.unitId, pdu: reply.pdu });
        const send = () => socket.writable && socket.write(bytes);
        if (reply.action.kind === 'delay') this.deps.clock.setTimer(reply.action.ms, send);
        else send();
      }
      if (out.error) socket.destroy();
    });
  }
}
