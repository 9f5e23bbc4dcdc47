// Public face of hw-profiles: the charger-profile schema, the loader and the register maps.
export { loadProfile, listProfiles, checkProfileFile, profileFile, type LoadOptions, type LoadedProfile } from './src/load.js';
export { loadMeterMap, listMeterMaps, checkMeterMapFile } from './src/meter-maps.js';
export { devicePaths, type DevicePath } from './src/overrides.js';
export { ProfileError, formatIssue, type ProfileIssue } from './src/issues.js';
export { chargerProfileSchema, type ChargerProfile, type Connector, type Rs485Bus, type MeterRef } from './schema/charger-profile.schema.js';
export { meterMapSchema, type MeterMap, type ResolvedRegister, type MeterQuantityName } from './schema/meter-map.schema.js';
export { KNOWN_READER_PROTOCOLS } from './schema/devices.schema.js';
export { SCHEMA_VERSION } from './schema/common.schema.js';
