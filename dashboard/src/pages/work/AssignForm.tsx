import { useState } from 'react';
import { ApiError } from '../../api';
import { ErrorNote, Field, useAction } from '../../ui/kit';
import { assignableMembers, assignProblem, memberName, withNames } from './helpers';
import type { PortalMember } from './types';

/** An API error with the ids of the people it names replaced by their names. */
export function named(error: unknown, names: ReadonlyMap<string, string>): unknown {
  if (error instanceof ApiError && error.detail) {
    return new ApiError(error.status, { ...error.problem, detail: withNames(error.detail, names) });
  }
  return error;
}

const RULE_KINDS = new Set(['over-capacity', 'not-eligible', 'not-in-portal', 'takes-no-work', 'work-closed']);

/**
 * Assign to a portal member: a select of the members who take work, "Assign anyway" (force) for owners and
 * admins only (the API refuses it to managers), and the rules' refusals in words right under the select.
 */
export function AssignForm(props: {
  members: readonly PortalMember[];
  names: ReadonlyMap<string, string>;
  canForce: boolean;
  currentAssigneeId?: string | null;
  label?: string;
  what: string;
  onAssign: (userId: string, force: boolean) => Promise<unknown>;
}) {
  const [userId, setUserId] = useState('');
  const [force, setForce] = useState(false);
  const [missing, setMissing] = useState(false);
  const assign = useAction(async () => {
    await props.onAssign(userId, force);
    setUserId('');
    setForce(false);
  });
  const members = assignableMembers(props.members);
  const chosen = members.find((m) => m.userId === userId);
  const error = assign.error;
  const ruleMessage =
    error instanceof ApiError && RULE_KINDS.has(error.kind)
      ? assignProblem(error.kind, chosen ? memberName(chosen) : 'This person', error.fields.userId, props.canForce)
      : undefined;
  const fieldError = missing ? 'Choose who gets it.' : (ruleMessage ?? (error instanceof ApiError ? error.fields.userId : undefined));

  return (
    <form
      className="assign-form"
      aria-label={`Assign ${props.what}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!userId) {
          setMissing(true);
          return;
        }
        void assign.run();
      }}
    >
      <Field label={props.label ?? 'Assign to'} error={fieldError}>
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            aria-invalid={!!fieldError}
            value={userId}
            onChange={(e) => {
              setUserId(e.target.value);
              setMissing(false);
              assign.clear();
            }}
          >
            <option value="">Choose a member…</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId} disabled={m.userId === props.currentAssigneeId}>
                {memberName(m)}
                {m.available ? '' : ' (away)'}
                {m.userId === props.currentAssigneeId ? ' (has it now)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      {props.canForce && (
        <label className="check">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Assign anyway (past capacity or their
          routing profile; audited)
        </label>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={assign.pending}>
          {assign.pending ? 'Assigning…' : 'Assign'}
        </button>
      </div>
      {!ruleMessage && !(error instanceof ApiError && error.fields.userId) && <ErrorNote error={named(error, props.names)} />}
      {members.length === 0 && <p className="hint">Nobody in this portal takes work yet.</p>}
    </form>
  );
}
