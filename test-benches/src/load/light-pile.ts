// A pile as a lightweight MQTT client speaking the contract (no agent, no hardware): it connects with
// its own credentials, says hello, receives its station's whitelist pages and the cloud's commands,
// and sends session events — what the sync benches and `bench load` use to stand in for many piles.
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { upTopic } from '../../../pile-agent/contract.js';

type Handler = (kind: string, m: any, bytes: number) => void;

export class LightPile {
  bytesIn = 0;
  private handlers: Handler[] = [];

  private constructor(
    readonly pileId: string,
    readonly client: MqttClient,
  ) {
    client.on('message', (topic, payload) => {
      this.bytesIn += payload.length;
      const kind = topic.split('/down/')[1];
      let m: unknown;
      try {
        m = JSON.parse(payload.toString('utf8'));
      } catch {
        return; // the cloud never sends this; a stand-in pile just ignores it
      }
      for (const h of this.handlers) h(kind, m, payload.length);
    });
  }

  static async connect(url: string, p: { pileId: string; secret: string }): Promise<LightPile> {
    const client = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: p.pileId, username: p.pileId, password: p.secret, reconnectPeriod: 0 });
    await client.subscribeAsync(`pilegate/v1/piles/${p.pileId}/down/#`, { qos: 1 });
    return new LightPile(p.pileId, client);
  }

  on(h: Handler): void {
    this.handlers.push(h);
  }

  async send(kind: string, body: Record<string, unknown>): Promise<string> {
    const id = randomUUID();
    await this.client.publishAsync(upTopic(this.pileId, kind), JSON.stringify({ v: 1, id, at: new Date().toISOString(), ...body }), { qos: 1 });
    return id;
  }

  hello(stationId: number, whitelistVersion: number, connectors = 1): Promise<string> {
    return this.send('hello', {
      agentVersion: 'bench',
      stationId,
      whitelistVersion,
      connectors: Array.from({ length: connectors }, (_, i) => ({ id: i + 1, phase: 'idle' })),
      outbox: { depth: 0, oldestAt: null },
    });
  }

  close(): Promise<void> {
    return this.client.endAsync();
  }
}
