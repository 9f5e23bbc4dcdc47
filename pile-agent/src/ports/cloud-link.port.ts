// The cloud link port (contract page): one MQTT session to the cloud's broker, as the pile's
// sync sees it — publish an uplink message of a kind, receive downlink messages by kind, and the link
// state. The MQTT driver (drivers/cloud/mqtt-cloud-link.driver.ts) implements it with mqtt.js, MQTT
// 3.1.1, clean session off, QoS 1, a Last Will `up/status {state: offline}`, and reconnect with
// exponential backoff and jitter. Payloads here are the contract's encoded JSON strings: the sync
// encodes and decodes (protocols/sync/messages.ts); the driver moves bytes and knows no message.

export type CloudLinkState = 'disabled' | 'connecting' | 'online' | 'offline';

export interface CloudLink {
  /** Current state: `disabled` when no cloud is configured; `online` while the MQTT session is up. */
  state(): CloudLinkState;
  /** Calls fn on every state change; returns the unsubscribe function. */
  onState(fn: (state: CloudLinkState) => void): () => void;
  /**
   * Publishes one uplink message (`pilegate/v1/piles/{pileId}/up/{kind}`) at QoS 1. Resolves when the
   * broker acknowledged it (PUBACK); rejects when the link is down or drops before the PUBACK.
   */
  publish(kind: string, payload: string): Promise<void>;
  /** Calls fn with every downlink message (`…/down/{kind}`, raw bytes); returns the unsubscribe function. */
  onMessage(fn: (kind: string, payload: Uint8Array) => void): () => void;
  /** Connects (and keeps reconnecting with backoff and jitter until close). Resolves at once; watch onState. */
  start(): Promise<void>;
  /** Ends the session cleanly (no Last Will) and stops reconnecting. */
  close(): Promise<void>;
}
