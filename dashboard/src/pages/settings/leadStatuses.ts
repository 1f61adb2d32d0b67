/**
 * The lead statuses editor's logic, apart from React: the rows being edited, what a save changes (renames,
 * additions, removals, order), the PUT body with its moves, and the API's answers mapped back to rows.
 * The rules are routing-service's (docs/api.md, `PUT /api/orgs/{orgId}/lead-statuses`); checking them here
 * only spares a round trip, the API decides.
 */

export type Outcome = 'OPEN' | 'WON' | 'LOST';
export const OUTCOMES: Outcome[] = ['OPEN', 'WON', 'LOST'];

export type LeadStatus = { id: string; name: string; outcome: Outcome };

/** One row of the editor: {@code id} for a status the org has (a rename keeps it), none for a new one. */
export type StatusRow = { key: string; id?: string; name: string; outcome: Outcome };

export type LeadStatusesRequest = {
  statuses: { id?: string; name: string; outcome: Outcome }[];
  moves?: Record<string, string>;
};

export const MAX_STATUSES = 20;
export const MAX_NAME = 50;

export function outcomeLabel(outcome: string): string {
  switch (outcome) {
    case 'OPEN':
      return 'keeps the lead open';
    case 'WON':
      return 'closes the lead as won';
    case 'LOST':
      return 'closes the lead as lost';
    default:
      return outcome;
  }
}

export function rowsFrom(statuses: LeadStatus[]): StatusRow[] {
  return statuses.map((s) => ({ key: `id:${s.id}`, id: s.id, name: s.name, outcome: s.outcome }));
}

let counter = 0;
/** A new, empty row (OPEN by default: a new step in the pipeline is the usual addition). */
export function newRow(outcome: Outcome = 'OPEN'): StatusRow {
  counter += 1;
  return { key: `new:${counter}`, name: '', outcome };
}

/** Where a new status goes: after the last OPEN one (before Won and Lost), or at the end. */
export function insertionIndex(rows: StatusRow[]): number {
  let last = -1;
  rows.forEach((r, i) => {
    if (r.outcome === 'OPEN') last = i;
  });
  return last < 0 ? rows.length : last + 1;
}

/** The rows with the one at {@code index} moved by {@code delta} places (unchanged when it would leave the list). */
export function moveRow<T>(rows: T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= rows.length || target < 0 || target >= rows.length) return rows;
  const next = rows.slice();
  const [row] = next.splice(index, 1);
  next.splice(target, 0, row);
  return next;
}

/** The org's statuses that the rows no longer have. */
export function removedStatuses(original: LeadStatus[], rows: StatusRow[]): LeadStatus[] {
  const kept = new Set(rows.map((r) => r.id).filter(Boolean));
  return original.filter((s) => !kept.has(s.id));
}

/**
 * Where the leads of a removed status may go: a status that stays (it has an id the API knows) with the same
 * outcome, so that moving never opens or closes a lead. A status added in the same save has no id yet.
 */
export function moveTargets(removed: LeadStatus, rows: StatusRow[]): StatusRow[] {
  return rows.filter((r) => r.id && r.id !== removed.id && r.outcome === removed.outcome);
}

/** The PUT body: the rows in order (names trimmed) and the moves of statuses this save removes. */
export function buildRequest(original: LeadStatus[], rows: StatusRow[], moves: Record<string, string>): LeadStatusesRequest {
  const statuses = rows.map((r) => (r.id ? { id: r.id, name: r.name.trim(), outcome: r.outcome } : { name: r.name.trim(), outcome: r.outcome }));
  const removed = new Set(removedStatuses(original, rows).map((s) => s.id));
  const staying = new Set(rows.map((r) => r.id).filter(Boolean));
  const chosen = Object.entries(moves).filter(([from, to]) => removed.has(from) && to && staying.has(to));
  return chosen.length > 0 ? { statuses, moves: Object.fromEntries(chosen) } : { statuses };
}

export type RowProblems = { name?: string; outcome?: string };
export type ListCheck = { rows: Record<number, RowProblems>; list: string[] };

/** The API's rules, checked before sending: row index -> its problems, and problems of the whole list. */
export function checkRows(rows: StatusRow[], original: LeadStatus[] = []): ListCheck {
  const result: ListCheck = { rows: {}, list: [] };
  const problem = (i: number, field: keyof RowProblems, message: string) => {
    result.rows[i] = { ...result.rows[i], [field]: result.rows[i]?.[field] ?? message };
  };
  if (rows.length === 0) result.list.push('Keep at least one status.');
  if (rows.length > MAX_STATUSES) result.list.push(`At most ${MAX_STATUSES} statuses.`);
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (!name) problem(i, 'name', 'Give the status a name.');
    else if (name.length > MAX_NAME) problem(i, 'name', `At most ${MAX_NAME} characters.`);
    else if (seen.has(name.toLowerCase())) problem(i, 'name', `Another status is already called “${rows[seen.get(name.toLowerCase())!].name.trim()}”.`);
    else seen.set(name.toLowerCase(), i);
    const was = row.id ? original.find((s) => s.id === row.id) : undefined;
    if (was && was.outcome !== row.outcome) problem(i, 'outcome', `An existing status keeps its outcome (${was.outcome}); add a new status instead.`);
  });
  if (rows.length > 0 && rows[0].outcome !== 'OPEN') problem(0, 'outcome', 'The first status must be OPEN: new leads get it.');
  if (rows.length > 0 && !rows.some((r) => r.outcome === 'WON')) result.list.push('Keep at least one WON status.');
  if (rows.length > 0 && !rows.some((r) => r.outcome === 'LOST')) result.list.push('Keep at least one LOST status.');
  return result;
}

export function hasProblems(check: ListCheck): boolean {
  return check.list.length > 0 || Object.keys(check.rows).length > 0;
}

/**
 * The API's field errors (`statuses[2].name`, `statuses`, `moves.contacted`) sorted onto rows, the list and
 * moves; row indexes are those of the body sent, which are the rows' own.
 */
export function sortFieldErrors(fields: Record<string, string>): { rows: Record<number, RowProblems & { id?: string }>; list: string[]; moves: Record<string, string> } {
  const out: { rows: Record<number, RowProblems & { id?: string }>; list: string[]; moves: Record<string, string> } = { rows: {}, list: [], moves: {} };
  for (const [field, message] of Object.entries(fields)) {
    const row = /^statuses\[(\d+)\]\.?(name|outcome|id)?$/.exec(field);
    if (row) {
      const i = Number(row[1]);
      const key = (row[2] ?? 'name') as 'name' | 'outcome' | 'id';
      out.rows[i] = { ...out.rows[i], [key]: message };
    } else if (field.startsWith('moves.')) {
      out.moves[field.substring('moves.'.length)] = message;
    } else {
      out.list.push(field === 'statuses' ? message.charAt(0).toUpperCase() + message.slice(1) : `${field}: ${message}`);
    }
  }
  return out;
}

/** The 409 `lead-status-in-use` problem's status and lead count, when that is what the API answered. */
export function statusInUse(problem: Record<string, unknown> | undefined): { statusId: string; leads: number } | undefined {
  if (!problem || typeof problem.statusId !== 'string') return undefined;
  return { statusId: problem.statusId, leads: typeof problem.leads === 'number' ? problem.leads : 0 };
}

/** What a save changes, in words, for the confirmation and the summary; empty when nothing changes. */
export function describeChanges(original: LeadStatus[], rows: StatusRow[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    const was = row.id ? original.find((s) => s.id === row.id) : undefined;
    if (!was) lines.push(`Add “${row.name.trim()}” (${row.outcome})`);
    else if (was.name !== row.name.trim()) lines.push(`Rename “${was.name}” to “${row.name.trim()}”`);
  }
  for (const gone of removedStatuses(original, rows)) lines.push(`Remove “${gone.name}”`);
  const keptBefore = original.filter((s) => rows.some((r) => r.id === s.id)).map((s) => s.id);
  const keptAfter = rows.filter((r) => r.id && original.some((s) => s.id === r.id)).map((r) => r.id);
  if (keptBefore.join('\n') !== keptAfter.join('\n')) lines.push('Change the order');
  return lines;
}
