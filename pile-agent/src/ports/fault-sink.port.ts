// The fault port: how drivers raise and clear the hardware faults of shared/fault-catalog.ts.
// Raising an active fault again only updates its detail; clearing an inactive one does nothing.
import type { FaultCode } from '../shared/fault-catalog.js';

export interface FaultSink {
  raise(code: FaultCode, source: string, detail?: string): void;
  clear(code: FaultCode, source: string): void;
}
