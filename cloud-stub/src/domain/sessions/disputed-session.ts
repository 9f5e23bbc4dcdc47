// A finished session the cloud would not bill (the ingest's entitlement and plausibility checks), kept
// whole with the reason for the operator, billed to nobody.
export interface DisputedSession {
  pileId: string;
  sessionId: string;
  stationId: number;
  reason: string;
  detail: string;
  record: unknown;
  receivedAt: string;
}
