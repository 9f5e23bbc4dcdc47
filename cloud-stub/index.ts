// Public face of cloud-stub for the test benches (compose a cloud in-process for scenarios).
export { startCloud, type CloudOptions, type RunningCloud } from './src/app/compose.js';
export { ingestSession, type IngestOutcome } from './src/ingest/session-ingest.js';
export { importVehicles, type ImportRow, type ImportOutcome } from './src/domain/vehicles/vehicle-import.service.js';
export { openDatabase, type Db } from './src/persistence/sqlite/db.js';
export { hashSecret, verifySecret } from './src/shared/secret-hash.js';
export { stationViews, refreshAllViews } from './src/view/index.js';
export { stationViewDigest } from './src/view/digest.js';
export { parseVehicleFile, type ParsedVehicles } from './src/formats/vehicle-import.js';
