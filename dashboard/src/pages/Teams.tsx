import { useState } from 'react';
import { Link } from 'react-router';
import { get, post } from '../api';
import { useOrg, useSession } from '../session';
import { ErrorNote, Field, Loading, useAction, useLoad } from '../ui/kit';
import { STRATEGIES, portalAbilities, teamNameProblem } from './portals/logic';
import { TeamCard } from './portals/TeamCard';
import type { Portal, PortalMember, Strategy, Team } from './portals/types';
import { FormError, fieldMessage } from './portals/ui';
import './portals/portals.css';

/** Settings → Teams: the routing groups of each portal, their members and strategy. */
export default function Teams() {
  const { orgId, role } = useOrg();
  const { me } = useSession();
  const portals = useLoad(() => get<Portal[]>(`/api/orgs/${orgId}/portals`), [orgId]);
  const teams = useLoad(() => get<Team[]>(`/api/orgs/${orgId}/teams`), [orgId]);
  const myRecord = useLoad(() => get<{ permissions?: string[] }>(`/api/orgs/${orgId}/members/${me.id}`), [orgId, me.id]);
  const canEditIn = (p: Portal) => portalAbilities(role, p.myPortalRole, myRecord.data?.permissions).manageRouting;
  const list = [...(portals.data ?? [])].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
  const editable = list.filter(canEditIn);

  return (
    <>
      <h1>Teams</h1>
      <p className="pa-lead">
        A team is a group of a portal&apos;s members that shares work by a strategy: Round Robin, Load Balanced, or Manual (a manager assigns).
      </p>
      {(portals.loading || teams.loading) && !(portals.data && teams.data) && <Loading what="Loading teams" />}
      <ErrorNote error={portals.error ?? teams.error} />
      {portals.data && teams.data && editable.length > 0 && (
        <CreateTeam orgId={orgId} portals={editable} onCreated={teams.reload} />
      )}
      {portals.data && teams.data && editable.length === 0 && <p className="banner">Only admins and the portals&apos; managers change teams.</p>}
      {portals.data &&
        teams.data &&
        list.map((p) => (
          <PortalTeams key={p.id} orgId={orgId} portal={p} teams={teams.data!.filter((t) => t.portalId === p.id)} canEdit={canEditIn(p)} onChanged={teams.reload} />
        ))}
    </>
  );
}

function PortalTeams(props: { orgId: string; portal: Portal; teams: Team[]; canEdit: boolean; onChanged: () => void }) {
  const { portal: p } = props;
  // names of the members, and who may join (members must be in the team's portal)
  const members = useLoad(() => get<PortalMember[]>(`/api/orgs/${props.orgId}/portals/${p.id}/members`).catch(() => undefined), [props.orgId, p.id]);
  const sorted = [...props.teams].sort((a, b) => a.name.localeCompare(b.name));
  const headingId = `portal-teams-${p.id}`;
  return (
    <section className="pa-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {p.name}
        {p.isDefault && <span className="pa-tag"> Default</span>}
      </h2>
      {sorted.length === 0 && (
        <p className="pa-muted">
          No teams. Work in this portal goes to all its available members.{' '}
          {props.canEdit && <Link to={`/orgs/${props.orgId}/portals/${p.id}/settings`}>Portal settings</Link>}
        </p>
      )}
      {sorted.length > 0 && (
        <ul className="pa-list" aria-label={`Teams of ${p.name}`}>
          {sorted.map((t) => (
            <TeamCard key={t.id} orgId={props.orgId} team={t} portalName={p.name} members={members.data} canEdit={props.canEdit} onChanged={props.onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateTeam(props: { orgId: string; portals: Portal[]; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [portalId, setPortalId] = useState(props.portals[0]?.id ?? '');
  const [strategy, setStrategy] = useState<Strategy>('ROUND_ROBIN');
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useAction(async () => {
    await post<Team>(`/api/orgs/${props.orgId}/teams`, { portalId, name: name.trim(), strategy });
    setName('');
    props.onCreated();
  });
  return (
    <section className="pa-box" aria-labelledby="create-team">
      <h2 id="create-team">Create a team</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const problems: Record<string, string> = {};
          const problem = teamNameProblem(name);
          if (problem) problems.name = problem;
          if (!portalId) problems.portalId = 'Choose the portal.';
          setLocal(problems);
          if (Object.keys(problems).length === 0) void create.run();
        }}
      >
        <Field label="Team name" error={fieldMessage(create.error, 'name', local)}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Portal" error={fieldMessage(create.error, 'portalId', local)}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} value={portalId} onChange={(e) => setPortalId(e.target.value)}>
              {props.portals.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="pa-fieldset">
          <legend>Strategy</legend>
          {STRATEGIES.map((s) => (
            <div key={s.value} className="field">
              <label className="pa-check">
                <input type="radio" name="team-strategy" value={s.value} checked={strategy === s.value} onChange={() => setStrategy(s.value)} />
                {s.label}
              </label>
              <small className="hint">{s.hint}</small>
            </div>
          ))}
          {fieldMessage(create.error, 'strategy') && <small className="field-error">{fieldMessage(create.error, 'strategy')}</small>}
        </fieldset>
        <FormError error={create.error} placed={['name', 'portalId', 'strategy']} />
        <p className="pa-muted">Add members once the team exists; they must be members of its portal.</p>
        <div className="actions">
          <button className="primary" disabled={create.pending}>
            {create.pending ? 'Creating…' : 'Create team'}
          </button>
        </div>
      </form>
    </section>
  );
}
