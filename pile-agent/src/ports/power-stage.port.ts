// The power-stage port: the charger's DC power modules as one connector's GB/T link needs them — the
// insulation check and the voltage check with pre-charge before the contactors close (reference §4.1
// steps 4 and 7), then the output the BMS asks for. A stage is attached to a link when the connector
// starts and detached when it stops. Energy is never taken from here: the meter measures it.
import type { BmsLink } from './bms-link.port.js';

export interface PowerStage {
  /** Answers `link`'s power requests from now on; returns the function that detaches it. */
  attach(link: BmsLink): () => void;
}
