// The station views' face for the rest of the cloud: the StationViewApi the sync and the API use, and
// the refresher that folds the registry's dirty marks into the change log.
export { stationViews } from './station-pages.js';
export { refreshAllViews } from './refresh.js';
export type { StationViewApi } from './station-view.api.js';
