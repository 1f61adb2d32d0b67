import { useState } from 'react';
import { del, patch, put } from '../../api';
import { ErrorNote, Field, useAction } from '../../ui/kit';
import { STRATEGIES, personName, strategyName, teamCandidates, teamNameProblem } from './logic';
import type { PortalMember, Strategy, Team } from './types';
import { FormError, fieldMessage } from './ui';

type Props = { orgId: string; team: Team; portalName: string; members?: PortalMember[]; canEdit: boolean; onChanged: () => void };

/** One team: its strategy, its members (add, remove), rename and delete. */
export function TeamCard(props: Props) {
  const { team, canEdit } = props;
  const path = `/api/orgs/${props.orgId}/teams/${team.id}`;
  const byId = new Map((props.members ?? []).map((m) => [m.userId, m]));
  const headingId = `team-${team.id}`;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(team.name);
  const [local, setLocal] = useState<Record<string, string>>({});

  const update = useAction(async (body: { name?: string; strategy?: Strategy }) => {
    await patch<Team>(path, body);
    setRenaming(false);
    props.onChanged();
  });
  const remove = useAction(async () => {
    await del(path);
    props.onChanged();
  });

  return (
    <li className="pa-card">
      <h3 id={headingId}>
        {team.name} <span className="pa-tag">{strategyName(team.strategy)}</span>
      </h3>

      {canEdit && renaming && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const problem = teamNameProblem(name);
            setLocal(problem ? { name: problem } : {});
            if (!problem) void update.run({ name: name.trim() });
          }}
        >
          <div className="pa-row">
            <Field label={`New name for ${team.name}`} error={fieldMessage(update.error, 'name', local)}>
              {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoFocus />}
            </Field>
            <div className="actions">
              <button className="primary" disabled={update.pending}>
                Save
              </button>
              <button
                type="button"
                onClick={() => {
                  setRenaming(false);
                  setName(team.name);
                  setLocal({});
                  update.clear();
                }}
              >
                Cancel
              </button>
            </div>
          </div>
        </form>
      )}

      {canEdit && !renaming && (
        <div className="pa-row">
          <Field label="Strategy" error={fieldMessage(update.error, 'strategy')} hint={STRATEGIES.find((s) => s.value === team.strategy)?.hint}>
            {(id, describedBy) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={team.strategy}
                disabled={update.pending}
                onChange={(e) => void update.run({ strategy: e.target.value as Strategy })}
              >
                {STRATEGIES.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      {!renaming && <FormError error={update.error} placed={['strategy']} />}
      {renaming && <FormError error={update.error} placed={['name']} />}

      {team.memberIds.length === 0 ? (
        <p className="pa-muted">No members yet.</p>
      ) : (
        <ul className="team" aria-label={`Members of ${team.name}`}>
          {team.memberIds.map((userId) => (
            <TeamMember key={userId} path={path} team={team} member={byId.get(userId)} userId={userId} canEdit={canEdit} onChanged={props.onChanged} />
          ))}
        </ul>
      )}

      {canEdit && <AddTeamMember path={path} team={team} members={props.members} onChanged={props.onChanged} />}

      {canEdit && (
        <div className="actions">
          {!renaming && (
            <button onClick={() => setRenaming(true)}>
              Rename<span className="visually-hidden"> {team.name}</span>
            </button>
          )}
          <button
            className="danger"
            disabled={remove.pending}
            onClick={() => {
              if (window.confirm(`Delete the team “${team.name}”? Its waiting work moves to the queue of ${props.portalName}; its members stay in the portal.`)) {
                void remove.run();
              }
            }}
          >
            {remove.pending ? 'Deleting…' : 'Delete team'}<span className="visually-hidden"> {team.name}</span>
          </button>
        </div>
      )}
      <ErrorNote error={remove.error} />
    </li>
  );
}

function TeamMember(props: { path: string; team: Team; member?: PortalMember; userId: string; canEdit: boolean; onChanged: () => void }) {
  const name = props.member ? personName(props.member) : 'Someone no longer in this portal';
  const remove = useAction(async () => {
    await del(`${props.path}/members/${props.userId}`);
    props.onChanged();
  });
  return (
    <li>
      <span>
        {name}
        {props.member && <small className="pa-muted"> · {props.member.available ? 'available' : 'away'}</small>}
      </span>
      {props.canEdit && (
        <button
          disabled={remove.pending}
          onClick={() => {
            if (window.confirm(`Take ${name} out of ${props.team.name}? Their open work of this team is routed again.`)) void remove.run();
          }}
        >
          {remove.pending ? 'Removing…' : 'Remove'}<span className="visually-hidden"> {name} from {props.team.name}</span>
        </button>
      )}
      <ErrorNote error={remove.error} />
    </li>
  );
}

function AddTeamMember(props: { path: string; team: Team; members?: PortalMember[]; onChanged: () => void }) {
  const [userId, setUserId] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const add = useAction(async () => {
    await put<Team>(`${props.path}/members/${userId}`);
    setUserId('');
    props.onChanged();
  });
  if (!props.members) return null;
  const candidates = teamCandidates(props.members, props.team.memberIds);
  if (candidates.length === 0) {
    return <p className="pa-muted">Everyone in the portal is in this team. Add people to the portal in its settings first.</p>;
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const problem = userId ? undefined : 'Choose who to add.';
        setLocal(problem ? { userId: problem } : {});
        if (!problem) void add.run();
      }}
    >
      <div className="pa-row">
        <Field label={`Add a member to ${props.team.name}`} hint="Only members of the portal can join its teams." error={fieldMessage(add.error, 'userId', local)}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Choose…</option>
              {candidates.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {personName(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button disabled={add.pending}>{add.pending ? 'Adding…' : 'Add'}</button>
      </div>
      <FormError error={add.error} placed={['userId']} />
    </form>
  );
}
