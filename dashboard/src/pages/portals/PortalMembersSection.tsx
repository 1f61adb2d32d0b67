import { useState } from 'react';
import { del, put } from '../../api';
import { ErrorNote, Field, useAction } from '../../ui/kit';
import { type PortalAbilities, type Reach, addableMembers, assignablePortalRoles, byName, personName, portalRoleName } from './logic';
import type { OrgMember, PortalMember, PortalRole } from './types';
import { FormError, fieldMessage } from './ui';

type Props = {
  orgId: string;
  portalId: string;
  portalName: string;
  meId: string;
  members: PortalMember[];
  orgMembers?: OrgMember[];
  orgMembersError?: unknown;
  abilities: PortalAbilities;
  reach?: Reach;
  onChanged: () => void;
};

function roleLabel(orgRole: string): string {
  if (orgRole.startsWith('custom:')) return 'custom role';
  return orgRole.charAt(0) + orgRole.slice(1).toLowerCase();
}

/** The portal's members: portal role, availability, remove; and adding members of the org. */
export function PortalMembersSection(props: Props) {
  const sorted = [...props.members].sort(byName);
  return (
    <section className="pa-section" aria-labelledby="portal-members">
      <h2 id="portal-members">Members</h2>
      {sorted.length === 0 && <p>Nobody is in this portal yet.</p>}
      {sorted.length > 0 && (
        <ul className="team pa-member-list" aria-label={`Members of ${props.portalName}`}>
          {sorted.map((m) => (
            <MemberRow key={m.userId} {...props} member={m} />
          ))}
        </ul>
      )}
      {props.abilities.manageMembers && <AddMember {...props} />}
    </section>
  );
}

function MemberRow(props: Props & { member: PortalMember }) {
  const { member: m, abilities } = props;
  const name = personName(m);
  const self = m.userId === props.meId;
  const memberPath = `/api/orgs/${props.orgId}/portals/${props.portalId}/members/${m.userId}`;
  const changeRole = useAction(async (portalRole: PortalRole) => {
    await put(memberPath, { portalRole });
    props.onChanged();
  });
  const remove = useAction(async () => {
    await del(memberPath);
    props.onChanged();
  });
  const toggle = useAction(async () => {
    await put(`${memberPath}/availability`, { available: !m.available });
    props.onChanged();
  });
  const canToggle = self ? abilities.toggleSelf : abilities.toggleOthers;
  const canRemove = abilities.manageRoles || (abilities.manageMembers && m.portalRole === 'EMPLOYEE');

  return (
    <li>
      <span className="pa-who">
        <strong>
          {name}
          {self && ' (you)'}
        </strong>
        <small className="pa-muted">
          {m.email} · {roleLabel(m.orgRole)}
        </small>
      </span>
      {abilities.manageRoles ? (
        <label className="pa-inline">
          <span>Portal role</span>
          <select
            value={m.portalRole}
            disabled={changeRole.pending}
            onChange={(e) => void changeRole.run(e.target.value as PortalRole)}
            aria-label={`Portal role of ${name}`}
          >
            <option value="EMPLOYEE">Employee</option>
            <option value="MANAGER">Manager</option>
          </select>
        </label>
      ) : (
        <span className="pa-tag">{portalRoleName(m.portalRole)}</span>
      )}
      {canToggle ? (
        <span className="toggle">
          <label>
            <input type="checkbox" role="switch" checked={m.available} disabled={toggle.pending} onChange={() => void toggle.run()} />
            {self ? 'I am available' : `${name} is available`}
          </label>
        </span>
      ) : (
        <span className={m.available ? 'dot on' : 'dot'}>{m.available ? 'Available' : 'Away'}</span>
      )}
      {canRemove && (
        <button
          className="danger"
          disabled={remove.pending}
          onClick={() => {
            if (window.confirm(`Remove ${name} from ${props.portalName}? They stop getting its work; their open conversations and leads here are routed again.`)) {
              void remove.run();
            }
          }}
        >
          {remove.pending ? 'Removing…' : 'Remove'}<span className="visually-hidden"> {name} from the portal</span>
        </button>
      )}
      {m.note && <small className="pa-muted">“{m.note}”</small>}
      <ErrorNote error={changeRole.error ?? toggle.error ?? remove.error} />
    </li>
  );
}

function AddMember(props: Props) {
  const candidates = props.orgMembers ? addableMembers(props.orgMembers, props.members, props.reach) : [];
  const roles = assignablePortalRoles(props.abilities.manageRoles);
  const [userId, setUserId] = useState('');
  const [portalRole, setPortalRole] = useState<PortalRole>('EMPLOYEE');
  const [local, setLocal] = useState<Record<string, string>>({});
  const add = useAction(async () => {
    await put(`/api/orgs/${props.orgId}/portals/${props.portalId}/members/${userId}`, { portalRole });
    setUserId('');
    props.onChanged();
  });
  return (
    <div className="pa-box">
      <h3>Add team members</h3>
      <p className="pa-muted">
        Add people of your organization to this portal.
        {!props.abilities.manageRoles &&
          ' As a manager you can add agents and viewers who work in no other portal, or only in portals you manage, as employees; someone from another portal is an admin’s call.'}
      </p>
      <ErrorNote error={props.orgMembersError} />
      {props.orgMembers && candidates.length === 0 && <p>Everyone you can add is already in this portal.</p>}
      {candidates.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const problem = userId ? undefined : 'Choose who to add.';
            setLocal(problem ? { userId: problem } : {});
            if (!problem) void add.run();
          }}
        >
          <div className="pa-row">
            <Field label="Person" error={fieldMessage(add.error, 'userId', local)}>
              {(id, describedBy) => (
                <select id={id} aria-describedby={describedBy} value={userId} onChange={(e) => setUserId(e.target.value)}>
                  <option value="">Choose…</option>
                  {candidates.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {personName(m)} ({m.email}, {roleLabel(m.role)})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Portal role" error={fieldMessage(add.error, 'portalRole', local)}>
              {(id, describedBy) => (
                <select id={id} aria-describedby={describedBy} value={portalRole} onChange={(e) => setPortalRole(e.target.value as PortalRole)}>
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {portalRoleName(r)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button className="primary" disabled={add.pending}>
              {add.pending ? 'Adding…' : 'Add to portal'}
            </button>
          </div>
          <FormError error={add.error} placed={['userId', 'portalRole']} />
        </form>
      )}
    </div>
  );
}
