// Interop: the agent's meter stack (RS-485 hub + generic Modbus driver + hw-profiles maps) reads
// meters served by pymodbus — an implementation no one here wrote — over a socat pty pair at 9600
// baud. The Python side lays the registers out per our maps but encodes the values by hand.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMeterMap } from '../../../hw-profiles/index.js';
import { openPtyPair, type PtyPair } from '../../../pile-agent/testing.js';
import { ModbusMeter, Rs485BusHub, SerialPortLine } from '../../../pile-agent/drivers.js';
import { nullLogger, systemClock, type FaultSink } from '../../../pile-agent/ports.js';

let pty: PtyPair;
let py: ChildProcess;
let hub: Rs485BusHub;
const pyErr: string[] = [];
const faults: FaultSink = { raise() {}, clear() {} };

beforeAll(async () => {
  pty = await openPtyPair();
  py = spawn('/usr/bin/python3', [join(import.meta.dirname, 'pymodbus_meter_server.py'), pty.b], { stdio: ['ignore', 'pipe', 'pipe'] });
  py.stderr!.on('data', (d: Buffer) => pyErr.push(d.toString()));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`pymodbus server not ready: ${pyErr.join('')}`)), 15_000);
    createInterface({ input: py.stdout! }).on('line', (l) => l === 'ready' && (clearTimeout(t), resolve()));
    py.once('exit', (code) => reject(new Error(`pymodbus server exited ${code}: ${pyErr.join('')}`)));
  });
  hub = new Rs485BusHub({ line: new SerialPortLine({ path: pty.a, baudRate: 9600 }), clock: systemClock, logger: nullLogger, baud: 9600 });
  await hub.open();
});

afterAll(async () => {
  await hub?.close();
  py?.kill('SIGKILL');
  await pty?.close();
});

const meter = (unitId: number, map: string) =>
  new ModbusMeter({ transport: hub, unitId, map: loadMeterMap(map), timeoutMs: 500, retries: 2, faults, source: `unit-${unitId}`, clock: systemClock, logger: nullLogger });

/** pymodbus opens the port just after printing "ready": poll until the first answer (bounded). */
async function firstReading(m: ModbusMeter) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const r = await m.read();
    if (r.ok || Date.now() > deadline) return r;
  }
}

describe('interop with a pymodbus RTU server', () => {
  it('reads acrel-djsf1352-rn (integer values with decimal-point registers, signed current and power)', async () => {
    const r = await firstReading(meter(1, 'acrel-djsf1352-rn'));
    expect(r).toMatchObject({ ok: true, value: { energyWh: 100_000, powerW: -10_270, voltageMv: 652_300, currentMa: -15_750 } });
  });

  it('reads acrel-djsf1352-rn-float (float32 words in two requests) on the same bus', async () => {
    const r = await firstReading(meter(2, 'acrel-djsf1352-rn-float'));
    expect(r).toMatchObject({ ok: true, value: { energyWh: 98_765, powerW: 39_920, voltageMv: 401_250, currentMa: 99_500 } });
  });

  it("gets pymodbus's exception answer for an address outside its bank", async () => {
    const m = new ModbusMeter({
      transport: hub,
      unitId: 1,
      map: {
        ...loadMeterMap('acrel-djsf1352-rn'),
        id: 'shifted',
        registers: { ...loadMeterMap('acrel-djsf1352-rn').registers, energy: { ...loadMeterMap('acrel-djsf1352-rn').registers.energy, address: 0x1000 } },
      },
      timeoutMs: 500,
      retries: 0,
      faults,
      source: 'x',
      clock: systemClock,
      logger: nullLogger,
    });
    expect(await m.readEnergyWh()).toMatchObject({ ok: false, error: { code: 'exception', exceptionCode: 2 } });
  });
});
