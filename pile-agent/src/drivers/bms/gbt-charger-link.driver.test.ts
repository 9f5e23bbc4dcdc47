// The charger link end to end over an in-memory CAN pair with a scripted BMS and a fake clock:
// reference §7.1 vector A (allowed → charging → BMS stop), §7.3 vector C (refused: EndOfMsgAck, CRM
// stays 0x00, BEM ends it), §7.2 vector B (no BHM → 2011 fallback, VIN absent), the decision hook's
// failure modes (§4.6 timing) and malformed frames (logged, ignored).
import { describe, expect, it } from 'vitest';
import type { BmsLinkEvents } from '../../ports/bms-link.port.js';
import type { CanFrame } from '../../ports/can-channel.port.js';
import { VECTOR_A, VECTOR_B, VECTOR_C, frameOfRow } from '../../protocols/gbt27930/fixtures/index.js';
import { decodeMessage } from '../../protocols/gbt27930/messages/index.js';
import type { Bcp, Brm } from '../../protocols/gbt27930/messages/types.js';
import { toHex } from '../../shared/hex.js';
import { capturingLogger } from '../../shared/logger.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { createInMemoryCanPair } from '../../testing/in-memory-can.js';
import type { DecideFn } from './decision-hook.js';
import { gbtChargerLinkConfig, type GbtChargerLinkConfigInput } from './gbt-charger-link.config.js';
import { GbtChargerLink } from './gbt-charger-link.driver.js';
import { ScriptedBms } from '../../testing/scripted-bms.js';

/** Reassembles the TP transfer that starts at RTS row `rtsRow` of a vector and decodes it. */
function tpMessageOf<T>(rows: typeof VECTOR_A, rtsRow: number): T {
  const at = rows.findIndex((r) => r.row === rtsRow);
  const rts = frameOfRow(rows[at]).data;
  const size = rts[1] | (rts[2] << 8);
  const pgn = rts[5] | (rts[6] << 8) | (rts[7] << 16);
  const dts = rows
    .slice(at + 1)
    .filter((r) => r.frame.startsWith('1CEB56F4#'))
    .slice(0, rts[3]);
  const payload = new Uint8Array(dts.flatMap((r) => [...frameOfRow(r).data.subarray(1)])).subarray(0, size);
  const m = decodeMessage(pgn, payload);
  if (!m.ok) throw new Error(m.error.message);
  return m.value as T;
}
const BRM_A = tpMessageOf<Brm>(VECTOR_A, 4);
const BCP_A = tpMessageOf<Bcp>(VECTOR_A, 15);
const BRM_C = tpMessageOf<Brm>(VECTOR_C, 4);
const BRM_B = tpMessageOf<Brm>(VECTOR_B, 3);
const BCP_B = tpMessageOf<Bcp>(VECTOR_B, 13);

type Logged = { [K in keyof BmsLinkEvents]: { name: K; payload: BmsLinkEvents[K] } }[keyof BmsLinkEvents];

async function rig(opts: { brm: Brm; bcp: Bcp; bhm: number | null; decide: DecideFn; stopAfterCcs?: number; silentBrm?: boolean; config?: GbtChargerLinkConfigInput }) {
  const clock = new FakeClock();
  const { a, b } = createInMemoryCanPair(clock);
  await a.open();
  await b.open();
  const logger = capturingLogger();
  const link = new GbtChargerLink({ can: a, clock, decide: opts.decide, logger, config: gbtChargerLinkConfig({ chargerNumber: 123456, ...opts.config }) });
  const events: Logged[] = [];
  const names = ['phase', 'vin', 'decision', 'contactors', 'aux-power', 'lock', 'output', 'comm-error', 'ended'] as const;
  for (const name of names) link.on(name, (payload) => events.push({ name, payload } as Logged));
  // The power stage: insulation passes and pre-charge completes after 100 ms each.
  link.on('insulation-check', () => clock.setTimer(100, () => link.power({ type: 'insulation-result', ok: true })));
  link.on('prepare-output', () => clock.setTimer(100, () => link.power({ type: 'precharge-done', ok: true })));
  const bms = new ScriptedBms({ can: b, clock, brm: opts.brm, bcp: opts.bcp, bhmMaxVoltageDeciV: opts.bhm, stopAfterCcs: opts.stopAfterCcs, silentBrm: opts.silentBrm });
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 10) clock.advance(10);
  };
  return { clock, a, b, link, events, bms, logger, run };
}

const candump = (f: CanFrame) => `${f.id.toString(16).toUpperCase().padStart(8, '0')}#${toHex(f.data).replace(/\s/g, '').toUpperCase()}`;
const rowFrame = (rows: typeof VECTOR_A, row: number) => candump(frameOfRow(rows.find((r) => r.row === row)!) as CanFrame);
const indexWhere = (events: Logged[], pred: (e: Logged) => boolean) => events.findIndex(pred);
const phases = (events: Logged[]) => events.flatMap((e) => (e.name === 'phase' ? [e.payload.to] : []));
const ended = (events: Logged[]) => events.flatMap((e) => (e.name === 'ended' ? [e.payload] : []));

describe('GbtChargerLink over an in-memory CAN pair (GB/T 27930-2015 §7 vectors)', () => {
  it('§7.1 vector A: allowed VIN → CRM 0xAA right after EndOfMsgAck, K1/K2 charging after allow, charging, BMS stop', async () => {
    const r = await rig({ brm: BRM_A, bcp: BCP_A, bhm: 6480, decide: () => ({ allow: true }), stopAfterCcs: 100 });
    r.link.start();
    r.run(15_000);
    const tx = r.a.sent.map(candump);
    expect(tx[0]).toBe(rowFrame(VECTOR_A, 1));
    expect(tx).toContain(rowFrame(VECTOR_A, 5)); // CTS 7 packets from 1
    const eoma = tx.indexOf(rowFrame(VECTOR_A, 13));
    expect(eoma).toBeGreaterThan(tx.indexOf(rowFrame(VECTOR_A, 3)));
    expect(tx[eoma + 1]).toBe(rowFrame(VECTOR_A, 14)); // CRM 0xAA immediately after EndOfMsgAck
    expect(tx).toContain(rowFrame(VECTOR_A, 21)); // CML 750 V / 200 V / 250 A / 0 A
    expect(tx).toContain('100AF456#AA'); // CRO ready
    const vin = indexWhere(r.events, (e) => e.name === 'vin');
    const allow = indexWhere(r.events, (e) => e.name === 'decision' && e.payload.decision.allow);
    const close = indexWhere(r.events, (e) => e.name === 'contactors' && e.payload.closed && e.payload.purpose === 'charging');
    expect(r.events[vin]).toMatchObject({ payload: { vin: 'LZYTBTE65K1012345', vinStatus: 'valid' } });
    expect(allow).toBeGreaterThan(vin);
    expect(close).toBeGreaterThan(allow);
    expect(phases(r.events)).toEqual(['handshake', 'insulation', 'identification', 'deciding', 'identified', 'parameters', 'output-prep', 'charging', 'stopping', 'statistics', 'ended']);
    expect(tx).toContain('101AF456#4000F0F0'); // CST answering the BST
    expect(ended(r.events)).toEqual([{ outcome: 'stopped', reason: 'bms-stop:socTargetReached' }]);
    expect(r.events.filter((e) => e.name === 'aux-power').map((e) => e.payload)).toEqual([{ on: true }, { on: false }]);
    const sentAfterEnd = r.a.sent.length;
    r.run(5_000);
    expect(r.a.sent.length).toBe(sentAfterEnd); // nothing periodic survives the end
    expect(r.clock.pendingCount).toBe(0);
  });

  it('§7.3 vector C / §4.6 option 1: refused VIN → EndOfMsgAck, CRM stays 0x00, BEM ends it, reason recorded', async () => {
    const r = await rig({ brm: BRM_C, bcp: BCP_A, bhm: 6480, decide: () => ({ allow: false, reason: 'vin-not-on-allow-list' }) });
    r.link.start();
    r.run(12_000);
    const tx = r.a.sent.map(candump);
    expect(tx).toContain(rowFrame(VECTOR_C, 5)); // CTS
    expect(tx).toContain(rowFrame(VECTOR_C, 13)); // EndOfMsgAck: TP completes normally
    const crms = tx.filter((f) => f.startsWith('1801F456#'));
    expect(crms.length).toBeGreaterThan(10);
    expect(new Set(crms)).toEqual(new Set([rowFrame(VECTOR_C, 14)])); // every CRM is 0x00
    expect(tx.some((f) => f.startsWith('1808F456#') || f.startsWith('100AF456#'))).toBe(false); // no CML, no CRO
    expect(r.bms.bemSent).toBe(true);
    expect(ended(r.events)).toEqual([{ outcome: 'refused', reason: 'vin-not-on-allow-list' }]);
    expect(r.events.some((e) => e.name === 'contactors' && e.payload.purpose === 'charging')).toBe(false);
    expect(r.events.slice(-4).map((e) => e.name)).toEqual(['aux-power', 'lock', 'ended', 'phase']);
    expect(r.link.snapshot()).toEqual({ phase: 'refused', vin: 'LZYTBTE67K1012346', vinStatus: 'valid', recoveries: 0, socPct: null });
  });

  it('§4.6 option 2: configured refusal sends CST 01 00 F0 F0 first, still never CRM 0xAA', async () => {
    const r = await rig({ brm: BRM_C, bcp: BCP_A, bhm: 6480, decide: () => ({ allow: false, reason: 'unknown-vin' }), config: { refusalCst: true } });
    r.link.start();
    r.run(12_000);
    const tx = r.a.sent.map(candump);
    expect(tx).toContain('101AF456#0100F0F0');
    expect(tx.some((f) => f.startsWith('1801F456#AA'))).toBe(false);
    expect(ended(r.events)).toEqual([{ outcome: 'refused', reason: 'unknown-vin' }]);
  });

  it('§7.2 vector B: no BHM → CRM after the 5 s fallback, VIN absent reported, allowed by policy, charges', async () => {
    const seen: Brm[] = [];
    const r = await rig({ brm: BRM_B, bcp: BCP_B, bhm: null, decide: (brm) => (seen.push(brm), { allow: true }) });
    r.link.start();
    r.run(4_990);
    expect(r.a.sent.some((f) => candump(f).startsWith('1801F456#'))).toBe(false);
    r.run(3_000);
    const firstCrm = r.a.sent.map(candump).find((f) => f.startsWith('1801F456#'));
    expect(firstCrm).toBe(rowFrame(VECTOR_B, 2));
    expect(r.events.find((e) => e.name === 'vin')?.payload).toMatchObject({ vin: null, vinStatus: 'absent' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ length: 41, edition: '2011' });
    expect(phases(r.events)).toContain('charging');
  });

  it('§4.2 S3 / §4.5: no BRM → CEM FD F0 C0 FC every 250 ms, identification restarted 3 times, then the end', async () => {
    const r = await rig({ brm: BRM_A, bcp: BCP_A, bhm: 6480, decide: () => ({ allow: true }), silentBrm: true });
    r.link.start();
    r.run(5_100 + 5_000); // handshake + insulation, then 5 s of CRM without BRM
    expect(r.a.sent.map(candump)).toContain('081FF456#FDF0C0FC');
    r.run(60_000);
    const crmStarts = r.events.filter((e) => e.name === 'phase' && e.payload.to === 'identification');
    expect(crmStarts).toHaveLength(4);
    expect(r.events.filter((e) => e.name === 'comm-error').map((e) => e.payload.recoveries)).toEqual([0, 1, 2, 3]);
    expect(ended(r.events)).toEqual([{ outcome: 'failed', reason: 'timeout:brm' }]);
  });

  it('§4.6 timing: a decision that never comes is a refusal (decision-timeout) after 4 s', async () => {
    const r = await rig({ brm: BRM_A, bcp: BCP_A, bhm: 6480, decide: () => new Promise(() => {}) });
    r.link.start();
    r.run(10_000);
    expect(r.events.find((e) => e.name === 'decision')?.payload).toEqual({ decision: { allow: false, reason: 'decision-timeout' } });
    expect(ended(r.events)).toEqual([{ outcome: 'refused', reason: 'decision-timeout' }]);
    expect(r.a.sent.some((f) => candump(f).startsWith('1801F456#AA'))).toBe(false);
  });

  it('§4.6: a throwing or malformed decision hook refuses (fail closed) and is logged', async () => {
    for (const [decide, reason] of [
      [
        () => {
          throw new Error('db locked');
        },
        'decision-error',
      ],
      [() => Promise.reject(new Error('db gone')), 'decision-error'],
      [() => ({ allow: 'yes' }) as never, 'decision-invalid'],
    ] as [DecideFn, string][]) {
      const r = await rig({ brm: BRM_A, bcp: BCP_A, bhm: 6480, decide });
      r.link.start();
      r.run(500);
      await Promise.resolve();
      r.run(12_000);
      expect(ended(r.events)).toEqual([{ outcome: 'refused', reason }]);
      expect(r.logger.records.some((x) => x.level === 'error')).toBe(true);
    }
  });

  it('malformed and foreign frames are logged and ignored, never thrown; the session still completes', async () => {
    const r = await rig({ brm: BRM_A, bcp: BCP_A, bhm: 6480, decide: () => ({ allow: true }), stopAfterCcs: 40 });
    const trace: BmsLinkEvents['trace'][] = [];
    r.link.on('trace', (t) => trace.push(t));
    r.link.start();
    const junk: CanFrame[] = [
      { id: 0x181056f4, extended: true, data: new Uint8Array([0x50]) }, // BCL with 1 byte
      { id: 0x123, extended: false, data: new Uint8Array([1, 2]) }, // standard frame
      { id: 0x1ceb56f4, extended: true, data: new Uint8Array([9, 1, 2, 3, 4, 5, 6, 7]) }, // DT without RTS
      { id: 0x18ff56f4, extended: true, data: new Uint8Array([0]) }, // unknown PGN
      { id: 0x1826f456, extended: true, data: new Uint8Array([1, 1, 0]) }, // our own CHM echoed
    ];
    for (const f of junk) await r.b.send(f);
    r.run(20_000);
    expect(r.logger.records.filter((x) => x.level === 'warn').length).toBeGreaterThanOrEqual(4);
    expect(trace.filter((t) => t.direction === 'rx' && t.error).length).toBeGreaterThanOrEqual(4);
    expect(trace.some((t) => t.direction === 'rx' && t.message?.name === 'BRM')).toBe(true);
    expect(trace.some((t) => t.direction === 'tx' && t.transport?.type === 'eoma')).toBe(true);
    expect(ended(r.events)).toEqual([{ outcome: 'stopped', reason: 'bms-stop:socTargetReached' }]);
  });

  it('§4.7: a local stop while charging sends CST 04 00 F0 F0 and ends after BSD/CSD', async () => {
    const r = await rig({ brm: BRM_A, bcp: BCP_A, bhm: 6480, decide: () => ({ allow: true }) });
    r.link.start();
    r.run(3_000);
    expect(r.link.snapshot()).toMatchObject({ phase: 'charging', socPct: 36 }); // the BMS's BCS
    r.link.stop('manual', 'operator');
    r.run(5_000);
    const tx = r.a.sent.map(candump);
    expect(tx).toContain('101AF456#0400F0F0');
    expect(tx.some((f) => f.startsWith('181DF456#'))).toBe(true); // CSD
    expect(r.events.some((e) => e.name === 'output' && e.payload.action === 'ramp-down')).toBe(true);
    expect(ended(r.events)).toEqual([{ outcome: 'stopped', reason: 'local-stop:operator' }]);
    r.link.start(); // a new session may start after the end (the scripted BMS answers CHM at once)
    expect(r.link.snapshot()).toMatchObject({ phase: 'insulation', vin: null });
    r.link.close();
  });
});
