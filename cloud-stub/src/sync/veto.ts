// The cloud's authority over running sessions (issue 8 item 4, docs/charging-modes.md rule 5): a session the pile
// started is re-checked against the registry when its start and its VIN arrive, and again whenever
// its station's view changes; when the registry disagrees (department unbound, pool at its floor,
// card or vehicle gone, vehicle of another department) the session is vetoed once with a stop command.
import { prep } from '../persistence/sqlite/statements.js';
import type { Db } from '../persistence/sqlite/db.js';
import type { Commands } from './commands.js';
import type { SyncContext } from './sync-context.js';

interface Live {
  session_id: string;
  pile_id: string;
  connector_id: number;
  station_id: number;
  mode: number | null;
  card_no: string | null;
  vin: string | null;
  department_id: number | null;
  state: string;
}

const bound = (db: Db, dept: number, station: number) => prep(db, 'SELECT 1 FROM department_stations WHERE department_id = ? AND station_id = ?').get(dept, station) !== undefined;
const canPay = (db: Db, dept: number) => (prep(db, 'SELECT balance_fen > floor_fen FROM departments WHERE id = ?').pluck().get(dept) as number | undefined) === 1;

/** Why the registry disagrees with a running session now, or null. */
export function disagreement(db: Db, s: Live): string | null {
  const card =
    s.card_no === null
      ? null
      : (prep(db, 'SELECT m.department_id AS d, m.id AS m FROM cards c JOIN members m ON m.id = c.member_id WHERE c.card_no = ?').get(s.card_no) as { d: number | null; m: number } | undefined);
  if (s.card_no !== null && !card) return 'card-deleted';
  const vehicle = s.vin === null ? null : (prep(db, 'SELECT department_id AS d FROM vehicles WHERE vin = ?').get(s.vin) as { d: number } | undefined);
  const payerDept = s.mode === 4 ? (vehicle?.d ?? s.department_id) : s.mode === 1 ? null : (card?.d ?? s.department_id);
  if (s.mode === 4 && s.vin !== null && !vehicle) return 'vehicle-deleted';
  if (s.mode === 3 && s.vin !== null && (!vehicle || vehicle.d !== card?.d)) return vehicle ? 'vehicle-other-department' : 'vehicle-deleted';
  if (payerDept !== null && payerDept !== undefined && s.mode !== 1) {
    if (!bound(db, payerDept, s.station_id)) return 'department-not-bound';
    if (!canPay(db, payerDept)) return 'cannot-pay';
  }
  return null;
}

export class Veto {
  constructor(
    private readonly ctx: SyncContext,
    private readonly commands: Commands,
  ) {}

  check(pileId: string, sessionId: string): void {
    const s = prep(this.ctx.db, "SELECT * FROM live_sessions WHERE pile_id = ? AND session_id = ? AND state = 'open'").get(pileId, sessionId) as Live | undefined;
    if (!s) return;
    const why = disagreement(this.ctx.db, s);
    if (!why) return;
    prep(this.ctx.db, "UPDATE live_sessions SET state = 'vetoed' WHERE pile_id = ? AND session_id = ?").run(pileId, sessionId);
    this.ctx.log('warn', { sessionId, pileId: s.pile_id, reason: why }, 'session vetoed by the cloud');
    this.commands.issue(s.pile_id, { kind: 'stop', connectorId: s.connector_id, reason: 'cloud-veto', detail: why, sessionId }, { accountId: null });
  }

  checkStations(stations: readonly number[]): void {
    const q = prep(this.ctx.db, "SELECT pile_id AS pileId, session_id AS sessionId FROM live_sessions WHERE station_id = ? AND state = 'open'");
    for (const st of stations) for (const s of q.all(st) as { pileId: string; sessionId: string }[]) this.check(s.pileId, s.sessionId);
  }
}
