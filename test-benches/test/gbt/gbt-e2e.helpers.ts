// Shared wiring of the GB/T end-to-end tests: a GbtPileRig (virtual bus on real ptys, agent stack
// on port 0, BMS on port 1) with protocol waits shortened through the stack's config so the suite
// stays fast, a registry with vector A's VIN, and bounded cleanup after each test.
import { afterEach } from 'vitest';
import { capturingLogger } from '../../../pile-agent/ports.js';
import type { GbtChargerLinkConfigInput } from '../../../pile-agent/drivers.js';
import { GbtPileRig } from './harness/gbt-pile.rig.js';
import { DEMO_VEHICLES, VinRegistry } from './vin-registry.fixture.js';
import type { BusEntry } from './harness/bus-log.js';

export const REGISTERED_VIN = DEMO_VEHICLES[0].vin;

/** Link timeouts for tests: the 2011 fallback after 400 ms instead of 5 s, CSD for 300 ms. */
export const FAST_LINK: GbtChargerLinkConfigInput = {
  chargerNumber: 123456,
  timeoutsMs: { bhm: 400, csd: 300, refusal: 4_000 },
};

const rigs: GbtPileRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

export async function pile(o: { registry?: VinRegistry; link?: GbtChargerLinkConfigInput; speed?: number } = {}) {
  const registry = o.registry ?? new VinRegistry(DEMO_VEHICLES);
  const logger = capturingLogger();
  const rig = await GbtPileRig.start({
    decide: registry.decide,
    link: { ...FAST_LINK, ...o.link, timeoutsMs: { ...FAST_LINK.timeoutsMs, ...o.link?.timeoutsMs } },
    power: { insulationMs: 20, prechargeMs: 20, measureEveryMs: 50, speed: o.speed ?? 1 },
    logger,
  });
  rigs.push(rig);
  return { rig, registry, logger };
}

/** candump-style id#data text of a bus entry, for readable assertions. */
export const text = (e: BusEntry): string => `${e.frame.id.toString(16).toUpperCase().padStart(8, '0')}#${Buffer.from(e.frame.data).toString('hex').toUpperCase()}`;

export const ID = {
  BHM: 0x182756f4,
  CRM: 0x1801f456,
  CML: 0x1808f456,
  CRO: 0x100af456,
  CCS: 0x1812f456,
  CST: 0x101af456,
  BST: 0x101956f4,
  BSD: 0x181c56f4,
  CSD: 0x181df456,
  BEM: 0x081e56f4,
} as const;
