// A refused charging attempt as the API shows it (stored by the MQTT sync in `refusals`).
export interface Refusal {
  id: string;
  pileId: string;
  connectorId: number;
  stationId: number;
  at: string;
  credentialKind: string;
  cardNo: string | null;
  vin: string | null;
  vinStatus: string | null;
  reason: string;
  mode: number | null;
  departmentId: number | null;
  receivedAt: string;
}
