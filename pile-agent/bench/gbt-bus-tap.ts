// Helper process of gbt-vin-decision.bench.ts (not a benchmark itself): a listen-only SLCAN tap on a
// virtual-bus port, in its own process so its stamps do not wait for the agent's event loop. It opens
// the adapter with `Z1`, so every frame carries the bus's own forwarding time (ms, reference §5.2),
// and also stamps each arrival with performance.now(). Per session (a CHM starts one) it takes the
// last TP.DT of the first complete BRM from the BMS and the first CRM 0xAA (§3.5, §4.4) and prints
// {"sample_ms": <tap clock>, "bus_ms": <bus clock>} on stdout. Usage: node --import tsx gbt-bus-tap.ts PATH
import { SerialPortLine } from '../src/drivers/serial/serialport-line.driver.js';
import { decodeSlcanLine } from '../src/protocols/slcan/slcan-codec.js';
import { SlcanFramer } from '../src/protocols/slcan/slcan-framer.js';

const path = process.argv[2];
if (!path) {
  console.error('usage: gbt-bus-tap.ts PORT_PATH');
  process.exit(2);
}

const ID = { CHM: 0x1826f456, CRM: 0x1801f456, TP_CM_BMS: 0x1cec56f4, TP_DT_BMS: 0x1ceb56f4 } as const;
const PGN_BRM = 0x000200;
const WRAP_MS = 60_000; // Z1 timestamps wrap after 59 999 ms

interface Stamp {
  readonly tapMs: number;
  readonly busMs: number;
}
let brmPackets = 0; // packets of the BRM transfer in progress (0: none)
let lastDt: Stamp | null = null; // last DT of the first complete BRM of this session
let sampled = false;

function onFrame(id: number, d: Uint8Array, at: Stamp): void {
  if (id === ID.CHM) {
    brmPackets = 0;
    lastDt = null;
    sampled = false;
  } else if (id === ID.TP_CM_BMS && d[0] === 0x10 && (d[5] | (d[6] << 8) | (d[7] << 16)) === PGN_BRM) {
    brmPackets = d[3];
  } else if (id === ID.TP_DT_BMS && brmPackets > 0 && d[0] === brmPackets && lastDt === null) {
    lastDt = at;
  } else if (id === ID.CRM && d[0] === 0xaa && !sampled && lastDt !== null) {
    sampled = true;
    const busMs = (at.busMs - lastDt.busMs + WRAP_MS) % WRAP_MS;
    // same_read: both frames came in one read (the tap itself was late; trust bus_ms for this one).
    process.stdout.write(`${JSON.stringify({ sample_ms: at.tapMs - lastDt.tapMs, bus_ms: busMs, same_read: at.tapMs === lastDt.tapMs })}\n`);
  }
}

const line = new SerialPortLine({ path, baudRate: 115200 });
const framer = new SlcanFramer();
line.onData((chunk) => {
  const tapMs = performance.now();
  for (const t of framer.push(chunk)) {
    if (t.kind !== 'line') continue;
    const m = decodeSlcanLine(t.text);
    if (!m.ok || m.value.kind !== 'frame' || !m.value.frame.extended) continue; // command replies
    onFrame(m.value.frame.id, m.value.frame.data, { tapMs, busMs: m.value.timestampMs ?? 0 });
  }
});
await line.open();
// Flush, close, 250 kbit/s, bus timestamps on, listen-only (the adapter's replies are ignored).
await line.write(Buffer.from('\r\r\rC\rS5\rZ1\rL\r', 'latin1'));
await new Promise((r) => setTimeout(r, 100));
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
await new Promise<void>((resolve) => {
  process.once('SIGTERM', resolve);
  process.once('SIGINT', resolve);
});
await line.write(Buffer.from('C\r', 'latin1')).catch(() => undefined);
await line.close();
