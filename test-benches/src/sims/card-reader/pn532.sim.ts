// A simulated PN532 card reader on a serial line: answers the host's frames with ACK and the
// response a real PN532 gives (UM0701-02 §7), using the agent's own PN532 codec. The bench presents
// and removes cards, makes the reader fall silent, or sprays garbage.
import { ACK_FRAME, CMD, encodeInfoFrame, Pn532Framer, TFI_HOST, TFI_PN532, type Pn532Frame } from '../../../../pile-agent/protocols.js';
import { fromHex, type SerialLine } from '../../../../pile-agent/ports.js';

export interface Pn532SimStats {
  commands: number;
  polls: number;
}

export class Pn532Sim {
  private card: Uint8Array | null = null;
  private silent = false;
  private readonly framer = new Pn532Framer({ frame: (f) => void this.onFrame(f), reject: () => {} });
  private unsubscribe: (() => void) | null = null;
  readonly stats: Pn532SimStats = { commands: 0, polls: 0 };

  constructor(private readonly line: SerialLine) {}

  async start(): Promise<void> {
    await this.line.open();
    this.unsubscribe = this.line.onData((c) => this.framer.push(c));
  }

  /** Puts a card with this UID (hex, 4 or 7 bytes) on the reader. */
  present(uidHex: string): void {
    const uid = fromHex(uidHex);
    if (!uid || (uid.length !== 4 && uid.length !== 7)) throw new Error(`a card UID is 4 or 7 bytes of hex, got ${uidHex}`);
    this.card = uid;
  }

  remove(): void {
    this.card = null;
  }

  /** A silent reader answers nothing (unplugged, dead). */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  async sendGarbage(bytes: Uint8Array): Promise<void> {
    await this.line.write(bytes);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.line.close();
  }

  private async onFrame(f: Pn532Frame): Promise<void> {
    if (this.silent || f.kind !== 'info' || f.tfi !== TFI_HOST) return;
    this.stats.commands++;
    const response = this.respond(f.data);
    if (!response) return;
    await this.line.write(ACK_FRAME);
    await this.line.write(encodeInfoFrame(TFI_PN532, response));
  }

  private respond(cmd: Uint8Array): Uint8Array | null {
    switch (cmd[0]) {
      case CMD.GetFirmwareVersion:
        return Uint8Array.of(0x03, 0x32, 0x01, 0x06, 0x07);
      case CMD.SAMConfiguration:
        return Uint8Array.of(0x15);
      case CMD.RFConfiguration:
        return Uint8Array.of(0x33);
      case CMD.InListPassiveTarget: {
        this.stats.polls++;
        const uid = this.card;
        if (!uid) return Uint8Array.of(0x4b, 0x00);
        // Tg 1, SENS_RES 0x0004 (0x0044 for 7-byte UIDs), SEL_RES 0x08 (Mifare Classic 1K)
        return Uint8Array.of(0x4b, 0x01, 0x01, 0x00, uid.length === 4 ? 0x04 : 0x44, 0x08, uid.length, ...uid);
      }
      default:
        return null;
    }
  }
}
