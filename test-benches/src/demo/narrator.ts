// The demo's narrative of one GB/T session: what the agent's charger link reports (phases, VIN and
// vinStatus, decision, contactors, measurements, the end) and a few messages read off the virtual
// bus (BHM, BST, BEM, BSD, CSD), as readable lines stamped with seconds since the plug-in. Output is
// a `say(line)` callback; the narrator never decides anything.
import { decodeMessage, pgnOfId } from '../../../pile-agent/index.js';
import type { BmsLinkEvents, GbtMessage } from '../../../pile-agent/index.js';
import type { GbtPileRig } from './gbt-pile.rig.js';
import type { VinRegistry } from './vin-registry.js';

const PHASE_TEXT: Record<string, string> = {
  handshake: 'S1 handshake: CHM every 250 ms, waiting for BHM',
  insulation: 'S2 insulation check: K1/K2 closed on the cable only, battery isolated',
  identification: 'S3 identification: CRM 0x00, the BMS sends BRM over TP',
  deciding: 'S3 deciding: BRM complete, CRM stays 0x00 until the decision',
  refusing: 'S3 refusing: CRM never becomes 0xAA (reference §4.6 option 1)',
  identified: 'S4 identified: CRM 0xAA, waiting for BCP',
  parameters: 'S5 parameters: CTS + CML sent, waiting for BRO 0xAA',
  'output-prep': 'S6 output preparation: battery voltage check and pre-charge',
  charging: 'S7 charging: CCS every 50 ms',
  stopping: 'S8 stopping: CST every 10 ms',
  statistics: 'S9 statistics: CSD',
  error: 'SE communication error: CEM',
};

const volts = (deciV: number) => `${(deciV / 10).toFixed(1)} V`;
const amps = (deciA: number) => `${(deciA / 10).toFixed(1)} A`;
const bits = (m: object) => Object.entries(m).filter(([k, v]) => k !== 'name' && v === 1).map(([k]) => k).join(', ') || 'none';

function busLine(m: GbtMessage): string | null {
  switch (m.name) {
    case 'BHM': return `BHM: the BMS answers (max charging voltage ${volts(m.maxChargeVoltageDeciV)}) — a 2015 BMS`;
    case 'CRO': return m.status === 'ready' ? 'CRO 0xAA: output ready, energy may flow from here on' : null;
    case 'BST': return `BST from the BMS: ${bits(m)}`;
    case 'BEM': return `BEM from the BMS: timed out waiting for ${bits(m)}`;
    case 'BSD': return `BSD (BMS statistics): SOC ${m.socPercent} %, cells ${(m.minCellVoltageCentiV / 100).toFixed(2)}–${(m.maxCellVoltageCentiV / 100).toFixed(2)} V`;
    case 'CSD': return `CSD (charger statistics): ${(m.energyDeciKwh / 10).toFixed(1)} kWh in ${m.chargingTimeMin} min, charger no. ${m.chargerNumber}`;
    default: return null;
  }
}

/** Narrates until the returned function is called. `measureEveryMs` thins the charging lines. */
export function narrate(rig: GbtPileRig, registry: VinRegistry, say: (line: string) => void, measureEveryMs = 1_000): () => void {
  const t0 = rig.clock.monotonic();
  const line = (text: string) => say(`  [${((rig.clock.monotonic() - t0) / 1000).toFixed(3).padStart(7)} s] ${text}`);
  const once = new Set<string>();
  let lastMeasure = -Infinity;
  const onMeasure = ({ msg }: BmsLinkEvents['measurement']) => {
    if (msg.name !== 'BCS' || rig.clock.monotonic() - lastMeasure < measureEveryMs) return;
    lastMeasure = rig.clock.monotonic();
    const meter = rig.power.snapshot();
    line(`  BCS: ${volts(msg.measuredVoltageDeciV)} ${amps(msg.measuredCurrentDeciA)} SOC ${msg.socPercent} % · meter ${(meter.energyWh / 1000).toFixed(2)} kWh`);
  };
  const offs = [
    rig.on('lock', (l) => line(l.locked ? 'connector locked' : 'connector unlocked')),
    rig.on('aux-power', (a) => line(`auxiliary power (K3/K4) ${a.on ? 'on: the BMS wakes up' : 'off'}`)),
    rig.on('phase', (p) => PHASE_TEXT[p.to] && line(PHASE_TEXT[p.to])),
    rig.on('vin', (v) => {
      const who = v.vin ? registry.lookup(v.vin) : undefined;
      const known = v.vin === null ? '' : who ? ` — registered: ${who.plate}, ${who.department}` : ' — not in the registry';
      line(`VIN ${v.vin ?? '(none)'} · vinStatus ${v.vinStatus}${known}`);
    }),
    rig.on('decision', ({ decision }) => line(decision.allow ? 'decision: ALLOW → CRM 0xAA' : `decision: REFUSE (${decision.reason}) → CRM stays 0x00, no energy`)),
    rig.on('parameters', ({ bcp }) => line(`BCP: battery ${volts(bcp.batteryVoltageDeciV)}, max ${volts(bcp.maxChargeVoltageDeciV)} / ${amps(bcp.maxChargeCurrentDeciA)}, SOC ${bcp.socPermille / 10} %`)),
    rig.on('contactors', (c) => line(`K1/K2 ${c.closed ? 'closed' : 'opened'} (${c.purpose})`)),
    rig.on('measurement', onMeasure),
    rig.on('comm-error', (e) => line(`communication error: ${e.reason}`)),
    rig.on('ended', (e) => line(`session ended: ${e.outcome} (${e.reason})`)),
    rig.bus.onTraffic((f) => {
      if (!f.extended) return;
      const m = decodeMessage(pgnOfId(f.id), f.data);
      if (!m.ok || once.has(m.value.name)) return;
      const text = busLine(m.value);
      if (!text) return;
      once.add(m.value.name);
      line(text);
    }),
  ];
  return () => offs.forEach((off) => off());
}
