import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, get, put } from '../../api';
import { ErrorNote, Field, Loading, useAction, useLoad } from '../../ui/kit';
import {
  buildRequest,
  checkRows,
  describeChanges,
  hasProblems,
  insertionIndex,
  type LeadStatus,
  MAX_NAME,
  MAX_STATUSES,
  moveRow,
  moveTargets,
  newRow,
  OUTCOMES,
  type Outcome,
  outcomeLabel,
  removedStatuses,
  rowsFrom,
  sortFieldErrors,
  statusInUse,
  type StatusRow,
} from './leadStatuses';

type View = { statuses: LeadStatus[] };

/**
 * The org's lead statuses (`GET|PUT /api/orgs/{orgId}/lead-statuses`): an ordered list for everyone who reads
 * leads; for admins an editor (rename keeps the id, add, remove, reorder). Removing a status that leads still
 * have answers 409 naming it: the editor then asks where its leads go and sends that as `moves`.
 */
export function LeadStatusesSection({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const load = useLoad(() => get<View>(`/api/orgs/${orgId}/lead-statuses`), [orgId]);

  if (load.loading && !load.data) {
    return (
      <Section>
        <Loading what="Loading lead statuses" />
      </Section>
    );
  }
  if (load.error) {
    // someone whose role reads no leads has nothing to see here
    if (load.error instanceof ApiError && load.error.status === 403 && !canEdit) return null;
    return (
      <Section>
        <ErrorNote error={load.error} />
      </Section>
    );
  }
  const statuses = load.data!.statuses;
  return (
    <Section>
      {canEdit ? (
        <Editor orgId={orgId} original={statuses} onSaved={load.reload} />
      ) : (
        <>
          <p className="hint">The steps a lead goes through, in order. Owners and admins change them.</p>
          <ol>
            {statuses.map((s) => (
              <li key={s.id}>
                {s.name} <span className="status">{s.outcome}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}

function Section({ children }: { children: ReactNode }) {
  return (
    <section className="st-section" aria-labelledby="lead-statuses-title">
      <h2 id="lead-statuses-title">Lead statuses</h2>
      {children}
    </section>
  );
}

function Editor({ orgId, original, onSaved }: { orgId: string; original: LeadStatus[]; onSaved: () => void }) {
  const [rows, setRows] = useState<StatusRow[]>(() => rowsFrom(original));
  const [moves, setMoves] = useState<Record<string, string>>({});
  const [inUse, setInUse] = useState<Record<string, number>>({});
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState('');

  // a reload after saving brings the list as the API keeps it (ids of new statuses included)
  useEffect(() => {
    setRows(rowsFrom(original));
    setMoves({});
    setInUse({});
    setTried(false);
  }, [original]);

  const save = useAction(async () => {
    setSaved('');
    try {
      await put<View>(`/api/orgs/${orgId}/lead-statuses`, buildRequest(original, rows, moves));
    } catch (e) {
      const used = e instanceof ApiError && e.kind === 'lead-status-in-use' ? statusInUse(e.problem) : undefined;
      if (used) {
        setInUse((u) => ({ ...u, [used.statusId]: used.leads }));
        setMoves((m) => ({ ...m, [used.statusId]: m[used.statusId] ?? '' }));
      }
      throw e;
    }
    setSaved('Lead statuses saved.');
    onSaved();
  });

  const removed = removedStatuses(original, rows);
  const changes = describeChanges(original, rows);
  const check = checkRows(rows, original);
  const shownCheck = tried ? check : { rows: {}, list: [] };
  const apiError = save.error instanceof ApiError ? save.error : undefined;
  const inUseError = apiError?.kind === 'lead-status-in-use' ? statusInUse(apiError.problem) : undefined;
  const sorted = sortFieldErrors(save.fields);
  const fieldErrorsShown = !!apiError && Object.keys(save.fields).length > 0;

  const edit = (next: StatusRow[]) => {
    setRows(next);
    setSaved('');
    save.clear();
  };
  const update = (index: number, patch: Partial<StatusRow>) => edit(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const add = () => {
    const at = insertionIndex(rows);
    edit([...rows.slice(0, at), newRow('OPEN'), ...rows.slice(at)]);
  };
  const restore = (status: LeadStatus) => {
    const at = Math.min(original.findIndex((s) => s.id === status.id), rows.length);
    edit([...rows.slice(0, at), ...rowsFrom([status]), ...rows.slice(at)]);
  };

  // a move whose target was removed since, or renamed away, counts as not chosen
  const chosenMove = (status: LeadStatus) => (moveTargets(status, rows).some((t) => t.id === moves[status.id]) ? moves[status.id] : '');

  const submit = () => {
    setTried(true);
    if (hasProblems(check)) return;
    const missingMove = removed.find((s) => inUse[s.id] && !chosenMove(s));
    if (missingMove) return; // the select under it says what to do
    if (removed.length > 0) {
      const lines = removed.map((s) => `• ${s.name}${inUse[s.id] ? ` (its ${inUse[s.id]} lead(s) move to “${rows.find((r) => r.id === moves[s.id])?.name ?? ''}”)` : ''}`);
      if (!window.confirm(`Remove these lead statuses?\n${lines.join('\n')}\n\nLeads that still have one must move to another status first; you will be asked where.`)) return;
    }
    void save.run();
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-describedby="lead-statuses-hint"
      style={{ maxWidth: 'none' }}
    >
      <p id="lead-statuses-hint" className="hint">
        The steps a lead goes through, in order; new leads get the first one, which must be Open. Keep at least one Won and one Lost status.
        Renaming keeps a status's leads; an existing status keeps its outcome.
      </p>
      <ol className="st-rows" aria-label="Lead statuses in order">
        {rows.map((row, i) => {
          const problems = { ...sorted.rows[i], ...shownCheck.rows[i] };
          const label = row.name.trim() || `status ${i + 1}`;
          return (
            <li key={row.key} className="st-row">
              <Field label={`Status ${i + 1}${row.id ? '' : ' (new)'}`} error={problems.name ?? problems.id}>
                {(id, describedBy) => (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={!!(problems.name ?? problems.id)}
                    value={row.name}
                    maxLength={MAX_NAME + 10}
                    onChange={(e) => update(i, { name: e.target.value })}
                  />
                )}
              </Field>
              {row.id ? (
                <div className="field">
                  <span className="st-fixed">
                    <span>
                      Outcome: <strong>{row.outcome}</strong> <span className="hint">({outcomeLabel(row.outcome)})</span>
                    </span>
                  </span>
                  {problems.outcome && <small className="field-error">{problems.outcome}</small>}
                </div>
              ) : (
                <Field label="Outcome" error={problems.outcome}>
                  {(id, describedBy) => (
                    <select id={id} aria-describedby={describedBy} value={row.outcome} onChange={(e) => update(i, { outcome: e.target.value as Outcome })}>
                      {OUTCOMES.map((o) => (
                        <option key={o} value={o}>
                          {o} – {outcomeLabel(o)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              <div className="actions">
                <button type="button" onClick={() => edit(moveRow(rows, i, -1))} disabled={i === 0} aria-label={`Move ${label} up`}>
                  Up
                </button>
                <button type="button" onClick={() => edit(moveRow(rows, i, 1))} disabled={i === rows.length - 1} aria-label={`Move ${label} down`}>
                  Down
                </button>
                <button type="button" className="danger" onClick={() => edit(rows.filter((_, j) => j !== i))} aria-label={`Remove ${label}`}>
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button type="button" onClick={add} disabled={rows.length >= MAX_STATUSES}>
          Add a status
        </button>
      </div>

      {removed.length > 0 && (
        <>
          <h3>Removed when you save</h3>
          <ul className="st-removed">
            {removed.map((status) => {
              const targets = moveTargets(status, rows);
              const leads = inUse[status.id];
              const moveError = sorted.moves[status.id] ?? (tried && leads && !chosenMove(status) ? 'Choose where its leads go.' : undefined);
              return (
                <li key={status.id}>
                  <span>
                    <del>{status.name}</del> ({status.outcome})
                  </span>
                  {leads ? (
                    targets.length > 0 ? (
                      <Field label={`Move its ${leads} lead${leads === 1 ? '' : 's'} to`} error={moveError}>
                        {(id, describedBy) => (
                          <select
                            id={id}
                            aria-describedby={describedBy}
                            value={chosenMove(status)}
                            onChange={(e) => {
                              setMoves((m) => ({ ...m, [status.id]: e.target.value }));
                              save.clear();
                            }}
                          >
                            <option value="">Choose a status…</option>
                            {targets.map((t) => (
                              <option key={t.id} value={t.id}>
                                {t.name.trim() || t.id}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                    ) : (
                      <p className="field-error">
                        {leads} lead{leads === 1 ? ' has' : 's have'} this status and no other {status.outcome} status stays. Restore it, or save a new{' '}
                        {status.outcome} status first and then remove this one.
                      </p>
                    )
                  ) : null}
                  <button type="button" onClick={() => restore(status)} aria-label={`Keep ${status.name}`}>
                    Keep it
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}

      {shownCheck.list.length > 0 && (
        <div className="error" role="alert">
          <ul>
            {shownCheck.list.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {inUseError ? (
        <div className="error" role="alert">
          <strong>
            “{original.find((s) => s.id === inUseError.statusId)?.name ?? inUseError.statusId}” still has {inUseError.leads} lead
            {inUseError.leads === 1 ? '' : 's'}.
          </strong>
          <p>Choose where they go under “Removed when you save”, then save again. Nothing was changed yet.</p>
        </div>
      ) : fieldErrorsShown ? (
        <div className="error" role="alert">
          <strong>Some statuses need a change before they can be saved.</strong>
          {sorted.list.length > 0 && (
            <ul>
              {sorted.list.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <ErrorNote error={save.error} />
      )}
      {saved && (
        <p className="st-saved" role="status">
          {saved}
        </p>
      )}
      {changes.length > 0 && (
        <p className="hint" aria-live="polite">
          Not saved yet: {changes.join('; ')}.
        </p>
      )}
      <div className="actions">
        <button className="primary" disabled={save.pending || changes.length === 0}>
          {save.pending ? 'Saving…' : 'Save lead statuses'}
        </button>
        {changes.length > 0 && (
          <button
            type="button"
            onClick={() => {
              setRows(rowsFrom(original));
              setMoves({});
              setInUse({});
              setTried(false);
              save.clear();
            }}
          >
            Undo changes
          </button>
        )}
      </div>
    </form>
  );
}
