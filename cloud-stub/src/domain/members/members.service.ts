// Members (会员) and their charging cards: virtual or real members, optionally in a department; a
// card number belongs to exactly one member. Members and cards are issued by the operator; a fleet
// account reads the members of its subtree. A member's own balance moves only through the ledger.
import { likeContains } from '../../shared/like.js';
import type { Db } from '../../persistence/sqlite/db.js';
import type { Actor } from '../access/actor.js';
import { assertDepartmentUsable, requireOperator, visibleDepartments } from '../access/actor.js';
import { conflict, invalid, notFound } from '../../shared/cloud-error.js';
import { hasHistory } from '../ledger/ledger.service.js';

export interface Member {
  id: number;
  kind: 'virtual' | 'real';
  name: string;
  departmentId: number | null;
  balanceFen: number;
  cards: string[];
}

interface Row {
  id: number;
  kind: 'virtual' | 'real';
  name: string;
  department_id: number | null;
  balance_fen: number;
}

/** Card numbers as the reader codec canonicalises them: upper case, no separators. */
export const CARD_NO = /^[0-9A-Z]{4,32}$/;

export function normalizeCardNo(text: string): string {
  return text.replace(/[\s:-]/g, '').toUpperCase();
}

function toDto(db: Db, r: Row): Member {
  const cards = db.prepare('SELECT card_no FROM cards WHERE member_id = ? ORDER BY card_no').pluck().all(r.id) as string[];
  return { id: r.id, kind: r.kind, name: r.name, departmentId: r.department_id, balanceFen: r.balance_fen, cards };
}

function row(db: Db, id: number): Row | undefined {
  return db.prepare('SELECT * FROM members WHERE id = ?').get(id) as Row | undefined;
}

/** The member when the actor may see it; 404 otherwise (a fleet never learns of other fleets' members). */
export function visibleMember(db: Db, actor: Actor, id: number): Row {
  const r = row(db, id);
  const visible = visibleDepartments(db, actor);
  if (!r || (visible && (r.department_id === null || !visible.has(r.department_id)))) throw notFound('member');
  return r;
}

export function listMembers(db: Db, actor: Actor, q?: string): Member[] {
  const visible = visibleDepartments(db, actor);
  const rows = (q ? db.prepare("SELECT * FROM members WHERE name LIKE ? ESCAPE '\\' ORDER BY id").all(likeContains(q)) : db.prepare('SELECT * FROM members ORDER BY id').all()) as Row[];
  return rows.filter((r) => !visible || (r.department_id !== null && visible.has(r.department_id))).map((r) => toDto(db, r));
}

export function getMember(db: Db, actor: Actor, id: number): Member {
  return toDto(db, visibleMember(db, actor, id));
}

function checkName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 64) throw invalid('name', 'name must be 1–64 characters');
  return n;
}

export interface MemberInput {
  kind: 'virtual' | 'real';
  name: string;
  departmentId?: number | null;
}

export function createMember(db: Db, actor: Actor, input: MemberInput, at: string): Member {
  requireOperator(actor);
  const name = checkName(input.name);
  if (input.departmentId != null) assertDepartmentUsable(db, actor, input.departmentId);
  const info = db.prepare('INSERT INTO members (kind, name, department_id, created_at) VALUES (?, ?, ?, ?)').run(input.kind, name, input.departmentId ?? null, at);
  return toDto(db, row(db, Number(info.lastInsertRowid))!);
}

export function updateMember(db: Db, actor: Actor, id: number, patch: Partial<MemberInput>): Member {
  requireOperator(actor);
  const r = visibleMember(db, actor, id);
  const name = patch.name !== undefined ? checkName(patch.name) : r.name;
  if (patch.departmentId != null) assertDepartmentUsable(db, actor, patch.departmentId);
  const departmentId = patch.departmentId !== undefined ? patch.departmentId : r.department_id;
  db.prepare('UPDATE members SET kind = ?, name = ?, department_id = ? WHERE id = ?').run(patch.kind ?? r.kind, name, departmentId, id);
  return toDto(db, row(db, id)!);
}

/** Deletes a member with no money history and not administering a station; its cards go with it. */
export function deleteMember(db: Db, actor: Actor, id: number): void {
  requireOperator(actor);
  visibleMember(db, actor, id);
  if (db.prepare('SELECT 1 FROM stations WHERE admin_member_id = ?').get(id)) throw conflict('member-in-use', `member ${id} administers a station; set another administrator first`);
  if (hasHistory(db, { kind: 'member', id }) || db.prepare("SELECT 1 FROM sessions WHERE payer_kind = 'member' AND payer_id = ?").get(id))
    throw conflict('member-in-use', `member ${id} has money history; remove its cards instead`);
  db.transaction(() => {
    db.prepare('DELETE FROM cards WHERE member_id = ?').run(id);
    db.prepare('DELETE FROM members WHERE id = ?').run(id);
  })();
}

export function addCard(db: Db, actor: Actor, memberId: number, cardNoText: string, at: string): Member {
  requireOperator(actor);
  visibleMember(db, actor, memberId);
  const cardNo = normalizeCardNo(cardNoText);
  if (!CARD_NO.test(cardNo)) throw invalid('cardNo', 'cardNo must be 4–32 letters A–Z or digits (separators are removed)', 'invalid-card');
  const owner = db.prepare('SELECT member_id FROM cards WHERE card_no = ?').pluck().get(cardNo) as number | undefined;
  if (owner === memberId) throw conflict('duplicate-card', `card ${cardNo} is already bound to this member`, 'cardNo');
  if (owner !== undefined) throw conflict('card-bound-elsewhere', `card ${cardNo} is already bound to member ${owner}; remove it there first`, 'cardNo');
  db.prepare('INSERT INTO cards (card_no, member_id, created_at) VALUES (?, ?, ?)').run(cardNo, memberId, at);
  return getMember(db, actor, memberId);
}

export function removeCard(db: Db, actor: Actor, memberId: number, cardNoText: string): Member {
  requireOperator(actor);
  visibleMember(db, actor, memberId);
  const cardNo = normalizeCardNo(cardNoText);
  const info = db.prepare('DELETE FROM cards WHERE card_no = ? AND member_id = ?').run(cardNo, memberId);
  if (info.changes === 0) throw notFound('card', 'cardNo');
  return getMember(db, actor, memberId);
}
