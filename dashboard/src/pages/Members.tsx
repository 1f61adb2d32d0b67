import { useState } from 'react';
import { Link } from 'react-router';
import { del, get, patch, post } from '../api';
import { useOrg, useSession } from '../session';
import { ErrorNote, Loading, formatTime, useAction, useLoad } from '../ui/kit';
import { AddUser, type Org } from './members/AddUser';
import { ConfirmButton } from './members/Confirm';
import { Problem } from './members/Problem';
import { MORE_SEATS, grantableRoles, mayManage, mayOpenRouting, roleLabel, type CustomRole, type Member, type Portal } from './members/logic';
import './members/Members.css';

type Invitation = {
  id: string;
  email: string;
  role: string;
  portalIds?: string[] | null;
  firstName?: string | null;
  lastName?: string | null;
  status: string;
  createdAt: string;
  expiresAt: string;
};
type Catalog = { permissions: string[]; builtInRoles: Record<string, string[]> };

/** The org's people: members with role, status and portals; pending invitations; "Add user". */
export default function Members() {
  const { orgId } = useOrg();
  const { me } = useSession();
  const base = `/api/orgs/${orgId}`;
  const members = useLoad(() => get<Member[]>(`${base}/members`), [base]);
  const org = useLoad(() => get<Org>(base), [base]);
  const custom = useLoad(() => get<CustomRole[]>(`${base}/roles`).catch(() => [] as CustomRole[]), [base]);
  const catalog = useLoad(() => get<Catalog>('/api/permissions').catch(() => ({ permissions: [], builtInRoles: {} }) as Catalog), []);
  const portals = useLoad(() => get<Portal[]>(`${base}/portals`).catch(() => [] as Portal[]), [base]);
  const invitations = useLoad(() => get<Invitation[]>(`${base}/invitations?status=PENDING`), [base]);
  const [adding, setAdding] = useState(false);

  if (members.loading && !members.data) return <Loading what="Loading members" />;
  if (members.error) {
    return (
      <>
        <h1>Members</h1>
        <ErrorNote error={members.error} />
      </>
    );
  }
  const list = members.data ?? [];
  const actor = list.find((m) => m.userId === me.id);
  const canInvite = !!actor?.permissions.includes('members:invite');
  const roles = custom.data ?? [];
  const builtIn = catalog.data?.builtInRoles ?? {};
  const portalNames = new Map((portals.data ?? []).map((p) => [p.id, p.name]));
  const o = org.data;
  const seatsFull = !!o && o.seatsTaken >= o.seatLimit;
  const changed = () => {
    members.reload();
    org.reload();
    invitations.reload();
  };

  return (
    <div className="members-page">
      <div className="title-row">
        <h1>Members</h1>
        {canInvite && (
          <button className="primary" aria-expanded={adding} aria-controls="add-user" onClick={() => setAdding((a) => !a)}>
            {adding ? 'Close "Add user"' : 'Add user'}
          </button>
        )}
      </div>
      {o && (
        <p className="seats" data-testid="seats">
          <strong>
            Seats used: {o.seatsTaken} / {o.seatLimit}
          </strong>{' '}
          <span className="hint">({planName(o.plan)} plan; viewers and the primary owner take no seat)</span>
        </p>
      )}
      {seatsFull && (
        <p className="warning">
          Every seat is taken: you can still invite viewers. {MORE_SEATS}
        </p>
      )}
      <ErrorNote error={org.error} />

      {adding && canInvite && actor && (
        <section id="add-user" aria-labelledby="add-user-title" className="add-user">
          <h2 id="add-user-title">Add user</h2>
          <AddUser
            orgId={orgId}
            org={o}
            actor={actor}
            builtIn={builtIn}
            customRoles={roles}
            portals={(portals.data ?? []).filter((p) => !p.archived)}
            onChanged={changed}
          />
        </section>
      )}

      <section aria-labelledby="members-title">
        <h2 id="members-title">People ({list.length})</h2>
        <div className="table-wrap">
          <table className="members-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Portals</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <MemberRow
                  key={m.userId}
                  orgId={orgId}
                  member={m}
                  actor={actor}
                  self={m.userId === me.id}
                  primaryOwner={o?.primaryOwnerId === m.userId}
                  roleOptions={actor ? grantableRoles(actor.role, actor.permissions, builtIn, roles, false) : []}
                  customRoles={roles}
                  portalNames={portalNames}
                  onChanged={changed}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {canInvite && (
        <section aria-labelledby="invitations-title">
          <h2 id="invitations-title">Pending invitations{invitations.data ? ` (${invitations.data.length})` : ''}</h2>
          {invitations.loading && !invitations.data && <Loading what="Loading invitations" />}
          <ErrorNote error={invitations.error} />
          {invitations.data && invitations.data.length === 0 && <p>No pending invitations.</p>}
          {invitations.data && invitations.data.length > 0 && (
            <div className="table-wrap">
              <table className="members-table invitations-table">
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Sent</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {invitations.data.map((inv) => (
                    <InvitationRow key={inv.id} orgId={orgId} invitation={inv} customRoles={roles} onChanged={changed} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

function planName(plan: string): string {
  return plan
    .split('_')
    .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
    .join(' ');
}

const nameOf = (m: Member) => m.displayName || [m.firstName, m.lastName].filter(Boolean).join(' ') || m.email;

function MemberRow(props: {
  orgId: string;
  member: Member;
  actor?: Member;
  self: boolean;
  primaryOwner: boolean;
  roleOptions: { value: string; label: string }[];
  customRoles: CustomRole[];
  portalNames: Map<string, string>;
  onChanged: () => void;
}) {
  const { member: m, orgId } = props;
  const path = `/api/orgs/${orgId}/members/${m.userId}`;
  const name = nameOf(m);
  const [role, setRole] = useState(m.role);
  const [done, setDone] = useState<string>();
  const act = useAction(async (what: string, call: () => Promise<unknown>) => {
    setDone(undefined);
    await call();
    setDone(what);
    props.onChanged();
  });
  const manage = mayManage(props.actor, m) && !props.primaryOwner;
  const options = props.roleOptions.some((o) => o.value === m.role)
    ? props.roleOptions
    : [{ value: m.role, label: roleLabel(m.role, props.customRoles) }, ...props.roleOptions];
  const active = m.status === 'ACTIVE';
  const roleSelectId = `role-${m.userId}`;

  return (
    <>
      <tr className={active ? undefined : 'inactive'}>
        <td data-label="Name">
          <span className="member-name">{name}</span>
          {props.self && <span className="hint"> (you)</span>}
          {name !== m.email && <span className="member-email">{m.email}</span>}
        </td>
        <td data-label="Role">
          {manage && active ? (
            <form
              className="role-form"
              onSubmit={(e) => {
                e.preventDefault();
                void act.run(`Role changed to ${roleLabel(role, props.customRoles)}.`, () => patch(path, { role }));
              }}
            >
              <label className="visually-hidden" htmlFor={roleSelectId}>
                Role of {name}
              </label>
              <select id={roleSelectId} value={role} onChange={(e) => setRole(e.target.value)} disabled={act.pending}>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              {role !== m.role && (
                <button className="primary" disabled={act.pending} aria-label={`Change role of ${name}`}>
                  Change
                </button>
              )}
            </form>
          ) : (
            <>
              {roleLabel(m.role, props.customRoles)}
              {props.primaryOwner && <span className="hint"> (primary owner)</span>}
            </>
          )}
        </td>
        <td data-label="Status">
          <span className={active ? 'member-status active' : 'member-status deactivated'}>{active ? 'Active' : 'Deactivated'}</span>
        </td>
        <td data-label="Portals">
          {m.portals.length === 0 ? (
            <span className="hint">None</span>
          ) : (
            <ul className="member-portals">
              {m.portals.map((p) => (
                <li key={p.portalId}>
                  {props.portalNames.get(p.portalId) ?? 'A portal you don’t see'}
                  {p.portalRole === 'MANAGER' && ' (manager)'}
                </li>
              ))}
            </ul>
          )}
        </td>
        <td data-label="Actions">
          <div className="row-actions">
            {mayOpenRouting(props.actor, m) && (
              <Link to={`/orgs/${orgId}/members/${m.userId}/routing`} aria-label={`Routing profile of ${name}`}>
                Routing profile
              </Link>
            )}
            {manage && active && (
              <ConfirmButton
                label="Deactivate"
                name={`Deactivate ${name}`}
                disabled={act.pending}
                title={`Deactivate ${name}?`}
                confirmLabel="Deactivate"
                onConfirm={() => void act.run(`${name} is deactivated.`, () => post(`${path}/deactivate`))}
              >
                <p>
                  They can no longer open this company, and their seat is freed. Their conversations will be unassigned and available for
                  other agents. You can reactivate them later.
                </p>
              </ConfirmButton>
            )}
            {manage && !active && (
              <button type="button" disabled={act.pending} aria-label={`Reactivate ${name}`} onClick={() => void act.run(`${name} is active again.`, () => post(`${path}/reactivate`))}>
                Reactivate
              </button>
            )}
            {manage && (
              <ConfirmButton
                label="Remove"
                name={`Remove ${name}`}
                className="danger"
                disabled={act.pending}
                title={`Remove ${name}?`}
                confirmLabel="Remove"
                onConfirm={() => void act.run(`${name} was removed.`, () => del(path))}
              >
                <p>
                  {name} loses access to this company at once. Their conversations will be unassigned and available for other agents. The
                  history (audit log, conversations handled, notes) stays.
                </p>
              </ConfirmButton>
            )}
            {props.primaryOwner && !props.self && props.actor?.role === 'OWNER' && (
              <span className="hint">The primary owner must transfer ownership first.</span>
            )}
          </div>
        </td>
      </tr>
      <RowNote error={act.error} done={done} />
    </>
  );
}

/** Under a row: what its last action answered (a problem, or what was done). */
function RowNote({ error, done }: { error: unknown; done?: string }) {
  if (error === undefined && !done) return null;
  return (
    <tr className="row-note">
      <td colSpan={5}>
        {error !== undefined ? (
          <Problem error={error} />
        ) : (
          <p role="status" className="done">
            {done}
          </p>
        )}
      </td>
    </tr>
  );
}

function InvitationRow(props: { orgId: string; invitation: Invitation; customRoles: CustomRole[]; onChanged: () => void }) {
  const { invitation: inv } = props;
  const path = `/api/orgs/${props.orgId}/invitations/${inv.id}`;
  const [done, setDone] = useState<string>();
  const act = useAction(async (what: string, call: () => Promise<unknown>) => {
    setDone(undefined);
    await call();
    setDone(what);
    props.onChanged();
  });
  return (
    <>
      <tr>
        <td data-label="Email">
          <span className="member-name">{inv.email}</span>
          {(inv.firstName || inv.lastName) && <span className="member-email">{[inv.firstName, inv.lastName].filter(Boolean).join(' ')}</span>}
        </td>
        <td data-label="Role">{roleLabel(inv.role, props.customRoles)}</td>
        <td data-label="Sent">
          <time dateTime={inv.createdAt}>{formatTime(inv.createdAt)}</time>
        </td>
        <td data-label="Expires">
          <time dateTime={inv.expiresAt}>{formatTime(inv.expiresAt)}</time>
        </td>
        <td data-label="Actions">
          <div className="row-actions">
            <button type="button" disabled={act.pending} aria-label={`Resend the invitation to ${inv.email}`} onClick={() => void act.run(`A new link was sent to ${inv.email}; the old one no longer works.`, () => post(`${path}/resend`))}>
              Resend
            </button>
            <ConfirmButton
              label="Revoke"
              name={`Revoke the invitation to ${inv.email}`}
              className="danger"
              disabled={act.pending}
              title={`Revoke the invitation to ${inv.email}?`}
              confirmLabel="Revoke"
              onConfirm={() => void act.run(`The invitation to ${inv.email} was revoked.`, () => del(path))}
            >
              <p>The link in their mail stops working at once. You can invite them again later.</p>
            </ConfirmButton>
          </div>
        </td>
      </tr>
      <RowNote error={act.error} done={done} />
    </>
  );
}
