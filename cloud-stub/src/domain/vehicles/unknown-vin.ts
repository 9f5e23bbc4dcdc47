// A VIN a pile read that the registry does not know, per station and pile (stored by the MQTT sync
// in `unknown_vins`), as the operator's list shows it.
export interface UnknownVin {
  vin: string;
  stationId: number;
  stationName: string | null;
  pileId: string;
  firstAt: string;
  lastAt: string;
  count: number;
  lastOutcome: 'charged-unattributed' | 'refused';
}
