// Act 2: a 2015 bus whose VIN is valid but not registered (reference vector C) is refused before
// any energy flows (§4.6 option 1): the BRM transfer completes, CRM stays 0x00, no CML/CRO/CCS,
// K1/K2 never close for charging; the BMS gives up with BEM (CRM 0xAA timeout) and the refusal
// reason is recorded. Checked on the bus log and on the simulator's own record.
import { expect, type Act, type Expectation } from '../act.js';
import { messagesNamed } from '../bus-log.js';
import { closedForCharging } from '../session-record.js';
import { playBus } from './play-bus.js';
import { UNREGISTERED_VIN } from '../vin-registry.js';

export const unregisteredVinAct: Act = {
  id: 'unregistered',
  title: 'an unregistered bus is refused before CRM 0xAA',
  async run(scene): Promise<Expectation[]> {
    const { say } = scene;
    say(`  a visiting bus plugs in: 2015 BMS, VIN ${UNREGISTERED_VIN} (valid, not registered here)`);
    const { seen, record: r, bus } = await playBus(scene, { vin: UNREGISTERED_VIN, edition: '2015' });
    const none = (name: 'CML' | 'CRO' | 'CCS') => messagesNamed(bus, name).length === 0;
    return [
      expect('the VIN is read from BRM as valid', r.vin?.vin === UNREGISTERED_VIN && r.vin.vinStatus === 'valid', r.vin),
      expect('the decision is REFUSE (vin-not-registered)', r.decision?.decision.allow === false && r.decision.decision.reason === 'vin-not-registered', r.decision?.decision),
      expect('every CRM on the bus is 0x00', messagesNamed(bus, 'CRM').every((c) => !c.recognized) && messagesNamed(bus, 'CRM').length > 0),
      expect('no CML, CRO or CCS on the bus', none('CML') && none('CRO') && none('CCS')),
      expect('K1/K2 never close for charging', !closedForCharging(r), r.contactors),
      expect('the BMS never saw CRM 0xAA (its own record)', !seen.sawCrmAA && seen.sawCrm00),
      expect('the BMS gave up with BEM "CRM 0xAA timeout"', seen.lastBem?.crmAA === 1, seen.lastBem),
      expect('the session ends refused with its reason recorded', r.end?.outcome === 'refused' && r.end.reason === 'vin-not-registered', r.end),
    ];
  },
};
