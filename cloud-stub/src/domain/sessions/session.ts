// A recorded session as the API shows it: the stored row without its internal bookkeeping columns.
import type { SessionInsertRow } from '../../persistence/sqlite/sessions.sqlite-repo.js';

export type Session = Omit<SessionInsertRow, 'reportedDepartmentId' | 'vehicleKey' | 'startedMs' | 'day' | 'ingestedAt'>;
