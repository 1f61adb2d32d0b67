import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  checkRows,
  describeChanges,
  hasProblems,
  insertionIndex,
  type LeadStatus,
  moveRow,
  moveTargets,
  newRow,
  removedStatuses,
  rowsFrom,
  sortFieldErrors,
  statusInUse,
} from './leadStatuses';

const DEFAULT: LeadStatus[] = [
  { id: 'new', name: 'New', outcome: 'OPEN' },
  { id: 'contacted', name: 'Contacted', outcome: 'OPEN' },
  { id: 'qualified', name: 'Qualified', outcome: 'OPEN' },
  { id: 'won', name: 'Won', outcome: 'WON' },
  { id: 'lost', name: 'Lost', outcome: 'LOST' },
];

describe('lead statuses editor', () => {
  it('sends the unchanged list as it is, ids kept, no moves', () => {
    expect(buildRequest(DEFAULT, rowsFrom(DEFAULT), {})).toEqual({ statuses: DEFAULT });
    expect(describeChanges(DEFAULT, rowsFrom(DEFAULT))).toEqual([]);
  });

  it('a rename keeps the id; a new status goes without one; names are trimmed', () => {
    const rows = rowsFrom(DEFAULT);
    rows[1] = { ...rows[1], name: ' Called ' };
    const added = { ...newRow(), name: 'Demo booked ' };
    rows.splice(3, 0, added);
    const body = buildRequest(DEFAULT, rows, {});
    expect(body.statuses[1]).toEqual({ id: 'contacted', name: 'Called', outcome: 'OPEN' });
    expect(body.statuses[3]).toEqual({ name: 'Demo booked', outcome: 'OPEN' });
    expect(body.moves).toBeUndefined();
    expect(describeChanges(DEFAULT, rows)).toEqual(['Rename “Contacted” to “Called”', 'Add “Demo booked” (OPEN)']);
  });

  it('a removal sends the chosen move of that status only, to a status that stays', () => {
    const rows = rowsFrom(DEFAULT).filter((r) => r.id !== 'contacted');
    expect(removedStatuses(DEFAULT, rows).map((s) => s.id)).toEqual(['contacted']);
    // a move for a status still in the list, or to one that goes, is left out
    const body = buildRequest(DEFAULT, rows, { contacted: 'qualified', new: 'qualified', lost: 'contacted' });
    expect(body.moves).toEqual({ contacted: 'qualified' });
    expect(describeChanges(DEFAULT, rows)).toEqual(['Remove “Contacted”']);
  });

  it('offers as move targets the statuses that stay with the same outcome', () => {
    const rows = rowsFrom(DEFAULT).filter((r) => r.id !== 'contacted');
    rows.push({ ...newRow(), name: 'Nurture' });
    const targets = moveTargets(DEFAULT[1], rows).map((r) => r.id);
    expect(targets).toEqual(['new', 'qualified']);
    expect(moveTargets(DEFAULT[3], rowsFrom(DEFAULT).filter((r) => r.id !== 'won'))).toEqual([]);
  });

  it('reorders rows, leaving the list alone at its ends', () => {
    const rows = rowsFrom(DEFAULT);
    expect(moveRow(rows, 2, -1).map((r) => r.id)).toEqual(['new', 'qualified', 'contacted', 'won', 'lost']);
    expect(moveRow(rows, 0, -1)).toBe(rows);
    expect(moveRow(rows, 4, 1)).toBe(rows);
    expect(describeChanges(DEFAULT, moveRow(rows, 2, -1))).toEqual(['Change the order']);
  });

  it('adds a new status after the last open one', () => {
    expect(insertionIndex(rowsFrom(DEFAULT))).toBe(3);
    expect(insertionIndex([])).toBe(0);
    expect(insertionIndex([{ ...newRow('WON'), name: 'W' }])).toBe(1);
  });

  it('checks the API rules before sending', () => {
    expect(hasProblems(checkRows(rowsFrom(DEFAULT), DEFAULT))).toBe(false);
    const rows = rowsFrom(DEFAULT);
    rows[0] = { ...rows[0], outcome: 'WON' };
    rows[2] = { ...rows[2], name: 'new' };
    rows.push({ ...newRow(), name: '  ' });
    const check = checkRows(rows.filter((r) => r.id !== 'lost'), DEFAULT);
    expect(check.rows[0].outcome).toMatch(/keeps its outcome/);
    expect(check.rows[2].name).toMatch(/already called “New”/);
    expect(check.rows[4].name).toMatch(/name/);
    expect(check.list).toEqual(['Keep at least one LOST status.']);
    expect(checkRows([{ ...newRow('WON'), name: 'Done' }]).rows[0].outcome).toMatch(/must be OPEN/);
    expect(checkRows([]).list).toContain('Keep at least one status.');
  });

  it('sorts the API field errors onto rows, the list and moves', () => {
    const sorted = sortFieldErrors({
      'statuses[2].name': 'is used by another status',
      'statuses[0].outcome': 'must be OPEN',
      statuses: 'must have a WON status',
      'moves.contacted': 'is required: 3 lead(s) have this status',
    });
    expect(sorted.rows).toEqual({ 2: { name: 'is used by another status' }, 0: { outcome: 'must be OPEN' } });
    expect(sorted.list).toEqual(['Must have a WON status']);
    expect(sorted.moves).toEqual({ contacted: 'is required: 3 lead(s) have this status' });
  });

  it('reads the in-use conflict', () => {
    expect(statusInUse({ statusId: 'contacted', leads: 3 })).toEqual({ statusId: 'contacted', leads: 3 });
    expect(statusInUse({ title: 'x' })).toBeUndefined();
    expect(statusInUse(undefined)).toBeUndefined();
  });
});
