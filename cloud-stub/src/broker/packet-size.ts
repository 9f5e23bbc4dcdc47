// A pure scanner of the MQTT fixed header (MQTT 3.1.1 §2.2: one type byte, then the remaining
// length as a 1–4 byte varint): fed the raw bytes of one connection in order, it reports the first
// packet whose total size exceeds the limit, as soon as its header announces it (before the body
// arrives), so the broker can drop the connection with its memory bounded.

export class PacketSizeGuard {
  private state: 'type' | 'len' | 'body' = 'type';
  private len = 0;
  private mult = 1;
  private headerBytes = 0;
  private left = 0;

  constructor(private readonly maxPacketBytes: number) {}

  /** Returns a reason when a packet is too large or malformed, else null. */
  feed(chunk: Buffer): string | null {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'body') {
        const take = Math.min(this.left, chunk.length - i);
        this.left -= take;
        i += take;
        if (this.left === 0) this.state = 'type';
        continue;
      }
      const b = chunk[i++];
      if (this.state === 'type') {
        this.state = 'len';
        this.len = 0;
        this.mult = 1;
        this.headerBytes = 1;
        continue;
      }
      this.headerBytes++;
      this.len += (b & 0x7f) * this.mult;
      this.mult *= 128;
      if (b & 0x80) {
        if (this.headerBytes > 4) return 'malformed remaining length';
        continue;
      }
      if (this.len + this.headerBytes > this.maxPacketBytes) return `packet of ${this.len + this.headerBytes} bytes exceeds ${this.maxPacketBytes}`;
      this.left = this.len;
      this.state = this.left === 0 ? 'type' : 'body';
    }
    return null;
  }
}
