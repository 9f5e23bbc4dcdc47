// A pile's end of the MQTT contract for the sync tests: a real mqtt.js client connected as a pile
// (client id = user name = pile id, its secret), subscribed to its down/#, with a queue to await the
// next downlink message of a kind and helpers to publish contract messages up.
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { upTopic } from '../../../pile-agent/contract.js';

export interface Down {
  kind: string;
  message: any;
}

export class PileClient {
  private readonly seen: Down[] = [];
  private waiters: { match: (d: Down) => boolean; resolve: (d: Down) => void }[] = [];

  private constructor(
    readonly pileId: string,
    readonly client: MqttClient,
  ) {
    client.on('message', (topic, payload) => {
      const kind = topic.split('/down/')[1];
      let message: unknown;
      try {
        message = JSON.parse(payload.toString('utf8'));
      } catch {
        message = payload.toString('utf8');
      }
      const d = { kind, message };
      const w = this.waiters.find((x) => x.match(d));
      if (w) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(d);
      } else this.seen.push(d);
    });
  }

  static async connect(url: string, pileId: string, secret: string): Promise<PileClient> {
    const client = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: pileId, username: pileId, password: secret, reconnectPeriod: 0 });
    await client.subscribeAsync(`pilegate/v1/piles/${pileId}/down/#`, { qos: 1 });
    return new PileClient(pileId, client);
  }

  /** The next downlink message of `kind` (matching `pred`), already received or still to come. */
  next(kind: string, pred: (m: any) => boolean = () => true, timeoutMs = 10_000): Promise<any> {
    const match = (d: Down) => d.kind === kind && pred(d.message);
    const i = this.seen.findIndex(match);
    if (i >= 0) return Promise.resolve(this.seen.splice(i, 1)[0].message);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${kind} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d.message);
        },
      });
    });
  }

  /** Publishes `body` with a fresh envelope on up/{kind}; returns the message. */
  async send(kind: string, body: Record<string, unknown>, at = new Date().toISOString()): Promise<Record<string, unknown>> {
    const m = { v: 1, id: randomUUID(), at, ...body };
    await this.client.publishAsync(upTopic(this.pileId, kind), JSON.stringify(m), { qos: 1 });
    return m;
  }

  async raw(kind: string, payload: string | Buffer): Promise<void> {
    await this.client.publishAsync(upTopic(this.pileId, kind), payload, { qos: 1 });
  }

  /** Collects every page of a reply until the pages reach `head` (the last one's toVersion). */
  async pagesUntilComplete(re?: string): Promise<any[]> {
    const pages: any[] = [];
    for (;;) {
      const m = await this.next('whitelist/page', (x) => re === undefined || x.re === re);
      pages.push(m.page);
      if (m.page.kind === 'delta' || m.page.part === m.page.parts) return pages;
    }
  }

  close(): Promise<void> {
    return this.client.endAsync();
  }
}
