// `npm start` (bench demo) as a test: the whole depot on this machine — the cloud on embedded
// defaults, the depot set up over HTTP, the real agent on the sim rig linked over MQTT — plays through
// and every expectation holds; the bus, refused at first, ends billed once to its fleet in the cloud.
import { expect, it } from 'vitest';
import { DEMO_VIN, runDepotDemo } from '../../index.js';

it('the depot demo: refused, registered, reaches the pile, charges, billed once — every expectation held', async () => {
  const lines: string[] = [];
  const demo = await runDepotDemo({ say: (l) => lines.push(l) });
  try {
    expect(demo.expectations.filter((x) => !x.ok)).toEqual([]);
    expect(demo.ok).toBe(true);
    expect(demo.expectations.length).toBeGreaterThanOrEqual(5);
    const sessions = demo.cloud.db.prepare('SELECT vin, mode, payer_kind AS payer FROM sessions').all();
    expect(sessions).toEqual([{ vin: DEMO_VIN, mode: 4, payer: 'department' }]);
    expect(demo.cloud.db.prepare("SELECT count(*) FROM ledger WHERE kind = 'session'").pluck().get()).toBe(1);
    expect(lines.at(-1)).toMatch(/^DEMO OK/);
  } finally {
    await demo.close();
  }
}, 120_000);
