// Behaviour `abort-mid-transfer`: the first `transfers` TP transfers (the first BRM, by default) stop
// after `afterPackets` DT packets with a Connection Abort from the BMS (reference §7.4 "BMS aborts
// its own BRM transfer": old-style `FF FF FF FF FF 00 02 00` by default, or J1939 reason 250).
// The charger must discard the partial BRM and take the next RTS.
import type { BmsBehavior } from './behavior.js';

export interface AbortMidTransferOptions {
  readonly afterPackets?: number;
  readonly transfers?: number;
  readonly style?: 'old-style' | 'j1939';
}

export function abortMidTransfer(o: AbortMidTransferOptions = {}): BmsBehavior {
  const { afterPackets = 3, transfers = 1, style = 'old-style' } = o;
  return {
    name: 'abort-mid-transfer',
    configure: (s) => ({ ...s, tp: { ...s.tp, abortAfterPackets: afterPackets, abortTransfers: transfers, abortStyle: style } }),
  };
}
