// Modbus TCP application data unit (Modbus Messaging on TCP/IP Implementation Guide V1.0b §3.1.3):
// MBAP header [transaction id ×2][protocol id 0 ×2][length ×2][unit id] followed by the PDU, and a
// stream framer that cuts TCP chunks into ADUs by the length field. Pure.

export interface MbapAdu {
  readonly transactionId: number;
  readonly unitId: number;
  readonly pdu: Uint8Array;
}

/** §3.1.3: the length field counts unit id + PDU; a PDU is at most 253 bytes. */
const MAX_LENGTH_FIELD = 254;

export function encodeMbap(adu: MbapAdu): Uint8Array {
  const len = adu.pdu.length + 1;
  const out = new Uint8Array(6 + len);
  out[0] = (adu.transactionId >> 8) & 0xff;
  out[1] = adu.transactionId & 0xff;
  out[2] = 0; // protocol id 0 = Modbus
  out[3] = 0;
  out[4] = len >> 8;
  out[5] = len & 0xff;
  out[6] = adu.unitId;
  out.set(adu.pdu, 7);
  return out;
}

export interface MbapFramerOutput {
  readonly adus: MbapAdu[];
  /** Set when the stream is not Modbus TCP (bad protocol id or length): the connection should close. */
  readonly error?: string;
}

export class MbapFramer {
  private buf = new Uint8Array(0);

  feed(chunk: Uint8Array): MbapFramerOutput {
    const next = new Uint8Array(this.buf.length + chunk.length);
    next.set(this.buf);
    next.set(chunk, this.buf.length);
    const adus: MbapAdu[] = [];
    let at = 0;
    while (next.length - at >= 7) {
      const protocol = (next[at + 2] << 8) | next[at + 3];
      const len = (next[at + 4] << 8) | next[at + 5];
      if (protocol !== 0) return this.fail(adus, `protocol id ${protocol} is not Modbus (0)`);
      if (len < 2 || len > MAX_LENGTH_FIELD) return this.fail(adus, `MBAP length ${len} outside 2..254`);
      if (next.length - at < 6 + len) break;
      adus.push({
        transactionId: (next[at] << 8) | next[at + 1],
        unitId: next[at + 6],
        pdu: next.slice(at + 7, at + 6 + len),
      });
      at += 6 + len;
    }
    this.buf = next.slice(at);
    return { adus };
  }

  private fail(adus: MbapAdu[], error: string): MbapFramerOutput {
    this.buf = new Uint8Array(0);
    return { adus, error };
  }
}
