// A small scripted BMS for the charger-link tests (tests only): reacts to the charger's frames the
// way reference §4.3 asks of a BMS — BHM on CHM (2015 only), BRM by TP on CRM 0x00, BEM `F4 F0 F0
// FC` 5 s after its first BRM without CRM 0xAA, BCP on CRM 0xAA, BRO 0xAA on CML, BCL/BCS/BSM once
// CRO 0xAA / CCS arrive, BST at a CCS count, BST + BSD on CST. Encodes with the project's codecs.
import type { CanChannel, CanFrame } from '../ports/can-channel.port.js';
import type { Clock } from '../ports/clock.port.js';
import { decodeCanId } from '../protocols/gbt27930/can-id.js';
import { decodeMessage, encodeMessage, frameFor } from '../protocols/gbt27930/messages/index.js';
import type { Bcl, Bcp, Bcs, BmsMessage, Brm, Bsm, Bst, GbtMessage } from '../protocols/gbt27930/messages/types.js';
import { BMS_ADDRESS, CHARGER_ADDRESS, PGN_TP_CM } from '../protocols/gbt27930/pgn-table.js';
import { decodeTpCm, encodeTpCm } from '../protocols/gbt27930/transport/tp-cm.js';
import { packetsForCts, rtsFor, tpCmId, tpDtId } from '../protocols/gbt27930/transport/tp-segment.js';
import { SAMPLE_BSM } from '../protocols/gbt27930/fixtures/sample-messages.js';

export interface ScriptedBmsOptions {
  readonly can: CanChannel;
  readonly clock: Clock;
  readonly brm: Brm;
  readonly bcp: Bcp;
  /** 2015 BMS answers CHM with BHM; a 2011 BMS stays silent. */
  readonly bhmMaxVoltageDeciV: number | null;
  /** Send BST (SOC target) after this many CCS frames. */
  readonly stopAfterCcs?: number;
  /** Never answer CRM 0x00 with a BRM (a BMS that dropped off after the handshake). */
  readonly silentBrm?: boolean;
}

const ADDR = { source: BMS_ADDRESS, destination: CHARGER_ADDRESS };
const BCL: Bcl = { name: 'BCL', voltageDemandDeciV: 6480, currentDemandDeciA: 2000, mode: 'constant-current' };
const BCS: Bcs = { name: 'BCS', measuredVoltageDeciV: 5920, measuredCurrentDeciA: 1985, highestCellVoltageCentiV: 332, highestCellGroup: 1, socPercent: 36, remainingMin: 95 };
const BSM: Bsm = SAMPLE_BSM;
const bst = (o: Partial<Bst>): Bst => ({
  name: 'BST',
  socTargetReached: 0,
  totalVoltageReached: 0,
  cellVoltageReached: 0,
  chargerInitiated: 0,
  insulationFault: 0,
  connectorOverTemperature: 0,
  bmsComponentOverTemperature: 0,
  connectorFault: 0,
  batteryOverTemperature: 0,
  highVoltageRelayFault: 0,
  checkPoint2Fault: 0,
  otherFault: 0,
  overCurrent: 0,
  voltageAbnormal: 0,
  ...o,
});

export class ScriptedBms {
  /** Every charger message seen, decoded. */
  readonly seen: GbtMessage[] = [];
  sawCrmAA = false;
  bemSent = false;
  private tp: { pgn: number; payload: Uint8Array } | null = null;
  private firstBrmAt: number | null = null;
  private sawCml = false;
  private ccsCount = 0;
  private bstSent = false;
  private bsdSent = false;

  constructor(private readonly o: ScriptedBmsOptions) {
    o.can.onFrame((f) => this.onFrame(f));
  }

  private send(frame: CanFrame): void {
    void this.o.can.send(frame);
  }

  sendMessage(msg: BmsMessage): void {
    const e = encodeMessage(msg);
    if (e.data.length <= 8 && msg.name !== 'BCS') return this.send(frameFor(msg));
    if (this.tp) return; // one transfer at a time; retried at the next trigger
    this.tp = { pgn: e.pgn, payload: e.data };
    this.send({ id: tpCmId(ADDR), extended: true, data: encodeTpCm(rtsFor(e.pgn, e.data)) });
  }

  private onFrame(f: CanFrame): void {
    const id = decodeCanId(f.id);
    if (!id.ok || id.value.source !== CHARGER_ADDRESS) return;
    if (id.value.pgn === PGN_TP_CM) return this.onTpCm(f.data);
    const r = decodeMessage(id.value.pgn, f.data);
    if (r.ok) this.onMessage(r.value);
  }

  private onTpCm(data: Uint8Array): void {
    const r = decodeTpCm(data);
    if (!r.ok || !this.tp) return;
    const cm = r.value;
    if (cm.type === 'cts') {
      for (const dt of packetsForCts(this.tp.payload, cm)) this.send({ id: tpDtId(ADDR), extended: true, data: dt });
    } else if (cm.type === 'eoma' || cm.type === 'abort') {
      this.tp = null;
    }
  }

  private onMessage(m: GbtMessage): void {
    this.seen.push(m);
    if (this.bemSent) return;
    switch (m.name) {
      case 'CHM':
        if (this.o.bhmMaxVoltageDeciV !== null) this.sendMessage({ name: 'BHM', maxChargeVoltageDeciV: this.o.bhmMaxVoltageDeciV });
        return;
      case 'CRM':
        if (m.recognized) {
          this.sawCrmAA = true;
          if (!this.sawCml) this.sendMessage(this.o.bcp);
          return;
        }
        if (this.sawCrmAA || this.o.silentBrm) return;
        if (this.firstBrmAt === null) {
          this.firstBrmAt = this.o.clock.monotonic();
          this.o.clock.setTimer(5000, () => this.crmTimeout());
        }
        this.sendMessage(this.o.brm);
        return;
      case 'CML':
        this.sawCml = true;
        this.sendMessage({ name: 'BRO', status: 'ready' });
        return;
      case 'CRO':
        if (m.status === 'ready') this.charging();
        return;
      case 'CCS':
        this.ccsCount++;
        if (this.o.stopAfterCcs !== undefined && this.ccsCount >= this.o.stopAfterCcs) {
          this.bstSent = true;
          return this.sendMessage(bst({ socTargetReached: 1 }));
        }
        this.sendMessage(BCL);
        if (this.ccsCount % 5 === 0) this.charging();
        return;
      case 'CST':
        if (!this.bstSent) this.sendMessage(bst({ chargerInitiated: 1 }));
        this.bstSent = true;
        if (!this.bsdSent) this.sendMessage({ name: 'BSD', socPercent: 80, minCellVoltageCentiV: 338, maxCellVoltageCentiV: 341, minTemperatureC: 29, maxTemperatureC: 33 });
        this.bsdSent = true;
        return;
      default:
        return;
    }
  }

  private charging(): void {
    this.sendMessage(BCL);
    this.sendMessage(BCS);
    this.sendMessage(BSM);
  }

  /** §4.3: no CRM 0xAA within 5 s of the first BRM → BEM `F4 F0 F0 FC`. */
  private crmTimeout(): void {
    if (this.sawCrmAA) return;
    this.bemSent = true;
    this.sendMessage({ name: 'BEM', crm00: 0, crmAA: 1, ctsCml: 0, cro: 0, ccs: 0, cst: 0, csd: 0 });
  }
}
