import { useState } from 'react';
import { ApiError, del, get, patch, post } from '../api';
import { useOrg } from '../session';
import { ErrorNote, Field, Loading, useAction, useLoad } from '../ui/kit';
import { type Catalog, type CustomRole, groupPermissions, heldPermissions, notHeld, ordered, permissionLabel, toggle } from './settings/permissions';
import './settings/settings.css';

type MemberRow = { userId: string; role: string; status: string };

/**
 * Custom roles (OWNER/ADMIN): named permission sets from the catalogue (`GET /api/permissions`), created,
 * edited and deleted with `GET|POST /api/orgs/{orgId}/roles`, `PATCH|DELETE .../roles/{roleId}`. Nobody grants
 * what they do not hold: the API refuses it, and the form marks such permissions beforehand.
 */
export default function Roles() {
  const { orgId, role, isAdmin } = useOrg();
  const catalog = useLoad(() => get<Catalog>('/api/permissions'), []);
  const roles = useLoad(() => get<CustomRole[]>(`/api/orgs/${orgId}/roles`), [orgId]);
  const members = useLoad(() => get<MemberRow[]>(`/api/orgs/${orgId}/members`).catch(() => [] as MemberRow[]), [orgId]);
  const [editing, setEditing] = useState<CustomRole | 'new' | undefined>();
  const [notice, setNotice] = useState('');

  const remove = useAction(async (r: CustomRole) => {
    await del(`/api/orgs/${orgId}/roles/${r.id}`);
    setNotice(`The role “${r.name}” was deleted.`);
    if (editing !== 'new' && editing?.id === r.id) setEditing(undefined);
    roles.reload();
  });

  if ((catalog.loading && !catalog.data) || (roles.loading && !roles.data)) return <Loading what="Loading roles" />;
  if (catalog.error || roles.error) {
    return (
      <>
        <h1>Custom roles</h1>
        <ErrorNote error={roles.error ?? catalog.error} />
      </>
    );
  }
  const list = roles.data!;
  const held = heldPermissions(role, catalog.data!, list);
  const holders = (r: CustomRole) => (members.data ?? []).filter((m) => m.role === r.role && m.status !== 'REMOVED').length;

  return (
    <>
      <div className="title-row">
        <h1>Custom roles</h1>
        {isAdmin && !editing && (
          <button
            className="primary"
            onClick={() => {
              setNotice('');
              setEditing('new');
            }}
          >
            New role
          </button>
        )}
      </div>
      <p className="hint">
        Besides the built-in roles (Owner, Admin, Manager, Agent, Viewer), a custom role is a named set of permissions. Give it to members on the
        Members screen.
      </p>

      {editing && (
        <RoleForm
          key={editing === 'new' ? 'new' : editing.id}
          orgId={orgId}
          catalog={catalog.data!}
          existing={editing === 'new' ? undefined : editing}
          held={held}
          holders={editing === 'new' ? 0 : holders(editing)}
          onDone={(message) => {
            setEditing(undefined);
            if (message) setNotice(message);
            roles.reload();
          }}
        />
      )}

      {notice && (
        <p className="st-saved" role="status">
          {notice}
        </p>
      )}
      {remove.error instanceof ApiError && remove.error.kind === 'role-in-use' ? (
        <div className="error" role="alert">
          <strong>Members still hold this role.</strong>
          <p>{remove.error.detail || 'Give them another role on the Members screen first, then delete it.'}</p>
        </div>
      ) : (
        <ErrorNote error={remove.error} />
      )}

      <section aria-labelledby="roles-list-title">
        <h2 id="roles-list-title">Roles of this company</h2>
        {list.length === 0 ? (
          <p>No custom roles yet.{isAdmin ? ' Create one with “New role”.' : ''}</p>
        ) : (
          <ul className="cards st-role-list">
            {list.map((r) => {
              const count = holders(r);
              return (
                <li key={r.id}>
                  <div>
                    <strong>{r.name}</strong>
                    <p>
                      {r.permissions.length} permission{r.permissions.length === 1 ? '' : 's'}
                      {members.data && members.data.length > 0 ? ` · ${count} member${count === 1 ? '' : 's'}` : ''}
                    </p>
                  </div>
                  {isAdmin && (
                    <div className="actions">
                      <button
                        onClick={() => {
                          setNotice('');
                          remove.clear();
                          setEditing(r);
                        }}
                        aria-label={`Edit ${r.name}`}
                      >
                        Edit
                      </button>
                      <button
                        className="danger"
                        disabled={remove.pending}
                        aria-label={`Delete ${r.name}`}
                        onClick={() => {
                          setNotice('');
                          const warning = count > 0 ? `\n\n${count} member(s) hold it: give them another role first, or Switchboard will refuse.` : '';
                          if (window.confirm(`Delete the role “${r.name}”? This cannot be undone.${warning}`)) void remove.run(r);
                        }}
                      >
                        Delete
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

function RoleForm(props: {
  orgId: string;
  catalog: Catalog;
  existing?: CustomRole;
  held?: Set<string>;
  holders: number;
  onDone: (message?: string) => void;
}) {
  const { catalog, existing, held } = props;
  const [name, setName] = useState(existing?.name ?? '');
  const [selected, setSelected] = useState<Set<string>>(() => new Set(existing?.permissions ?? []));
  const [template, setTemplate] = useState('');
  const order = catalog.permissions;
  const groups = groupPermissions(order);
  const refused = notHeld(selected, held, order);
  const lostOnEdit = existing ? notHeld(existing.permissions, held, order) : [];

  const save = useAction(async () => {
    const body = { name: name.trim(), permissions: ordered(selected, order) };
    if (existing) await patch<CustomRole>(`/api/orgs/${props.orgId}/roles/${existing.id}`, body);
    else await post<CustomRole>(`/api/orgs/${props.orgId}/roles`, body);
    props.onDone(existing ? `The role “${body.name}” was saved.` : `The role “${body.name}” was created.`);
  });
  const error = save.error instanceof ApiError ? save.error : undefined;
  // a name taken by another role is a 409 without a field: it belongs next to the name all the same
  const nameError = save.fields.name ?? (error?.status === 409 ? error.detail || error.title : undefined);
  const permissionsError = save.fields.permissions ?? (selected.size === 0 && save.error ? 'Choose at least one permission.' : undefined);
  const titleId = existing ? 'edit-role-title' : 'new-role-title';

  return (
    <section className="st-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{existing ? `Edit “${existing.name}”` : 'New custom role'}</h2>
      {existing && props.holders > 0 && (
        <p className="warning">
          {props.holders} member{props.holders === 1 ? ' holds' : 's hold'} this role: a change applies to them at once.
        </p>
      )}
      <form
        className="st-role-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <Field label="Role name" error={nameError}>
          {(id, describedBy) => (
            <input id={id} aria-describedby={describedBy} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required autoFocus />
          )}
        </Field>
        <Field label="Start from a built-in role (optional)" hint="Copies that role's permissions into the toggles below; change them as you like.">
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={template}
              onChange={(e) => {
                setTemplate(e.target.value);
                const keys = catalog.builtInRoles[e.target.value];
                if (keys) setSelected(new Set(keys));
              }}
            >
              <option value="">Choose…</option>
              {Object.keys(catalog.builtInRoles).map((r) => (
                <option key={r} value={r}>
                  {r.charAt(0) + r.slice(1).toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </Field>

        <div role="group" aria-labelledby="permissions-title" aria-describedby={permissionsError ? 'permissions-error' : undefined}>
          <h3 id="permissions-title">
            Permissions ({selected.size} of {order.length})
          </h3>
          {permissionsError && (
            <p id="permissions-error" className="field-error">
              {permissionsError}
            </p>
          )}
          <div className="st-perms">
            {groups.map((g) => (
              <fieldset key={g.area}>
                <legend>{g.label}</legend>
                {g.keys.map((key) => {
                  const mine = !held || held.has(key);
                  return (
                    <label key={key}>
                      <input
                        type="checkbox"
                        checked={selected.has(key)}
                        onChange={(e) => {
                          setSelected((s) => toggle(s, [key], e.target.checked));
                          setTemplate('');
                        }}
                      />
                      <span>
                        {permissionLabel(key)} <code className="hint">{key}</code>
                        {!mine && <span className="st-not-held"> (you don't hold this)</span>}
                      </span>
                    </label>
                  );
                })}
              </fieldset>
            ))}
          </div>
        </div>

        {(refused.length > 0 || lostOnEdit.length > 0) && (
          <p className="warning">
            {lostOnEdit.length > 0
              ? `This role holds permissions you don't (${lostOnEdit.join(', ')}), so Switchboard will refuse your change: editing a role grants it again.`
              : `You don't hold ${refused.join(', ')}; Switchboard will refuse to grant ${refused.length === 1 ? 'it' : 'them'}.`}
          </p>
        )}
        {!save.fields.name && !save.fields.permissions && !(error?.status === 409) && <ErrorNote error={save.error} />}
        <div className="actions">
          <button className="primary" disabled={save.pending}>
            {save.pending ? 'Saving…' : existing ? 'Save role' : 'Create role'}
          </button>
          <button type="button" onClick={() => props.onDone()}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
