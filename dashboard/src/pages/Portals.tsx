import { useState, type CSSProperties } from 'react';
import { Link } from 'react-router';
import { del, get, patch, post } from '../api';
import { useOrg } from '../session';
import { ErrorNote, Field, Loading, formatTime, useAction, useLoad } from '../ui/kit';
import {
  type PortalForm,
  type PortalRow,
  archiveQuestion,
  createPortalBody,
  portalFormProblems,
  portalRoleName,
  portalRows,
  updatePortalBody,
} from './portals/logic';
import type { Portal, PortalOverview } from './portals/types';
import { FormError, fieldMessage } from './portals/ui';
import './portals/portals.css';

const EMPTY: PortalForm = { name: '', description: '', accentColor: '' };
const FORM_FIELDS = ['name', 'description', 'accentColor'];

/** Every portal with its numbers (admin view): create, rename, archive; links to each workspace and its settings. */
export default function Portals() {
  const { orgId, isAdmin } = useOrg();
  const [showArchived, setShowArchived] = useState(false);
  const base = `/api/orgs/${orgId}/portals`;
  const portals = useLoad(() => get<Portal[]>(showArchived ? `${base}?includeArchived=true` : base), [base, showArchived]);
  const overview = useLoad(() => (isAdmin ? get<PortalOverview>(`${base}/overview`) : Promise.resolve(undefined)), [base, isAdmin]);
  const reload = () => {
    portals.reload();
    overview.reload();
  };
  const rows = portals.data ? portalRows(portals.data, overview.data?.portals) : [];
  const defaultPortal = rows.find((p) => p.isDefault);

  return (
    <>
      <h1>Portals</h1>
      <p className="pa-lead">Portals are your departments: each has its own people, teams, queue and routing.</p>
      {!isAdmin && <p className="banner">Only owners and admins create, rename and archive portals. These are the portals you see.</p>}
      {isAdmin && <CreatePortal base={base} onCreated={reload} />}

      <div className="title-row">
        <h2>All portals</h2>
        {isAdmin && (
          <label className="pa-check">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
            Show archived portals
          </label>
        )}
      </div>
      <ErrorNote error={portals.error} />
      {overview.error != null && (
        <p className="pa-muted" role="status">
          Live numbers (open work, queue) could not be loaded; member counts are shown.
        </p>
      )}
      {portals.loading && !portals.data && <Loading what="Loading portals" />}
      {portals.data && rows.length === 0 && <p>No portals.</p>}
      {rows.length > 0 && (
        <ul className="pa-list" aria-label="Portals">
          {rows.map((p) => (
            <PortalCard key={p.id} orgId={orgId} base={base} portal={p} isAdmin={isAdmin} defaultPortal={defaultPortal} onChanged={reload} />
          ))}
        </ul>
      )}
    </>
  );
}

function PortalFields(props: { form: PortalForm; onChange: (f: PortalForm) => void; error: unknown; local: Record<string, string> }) {
  const { form, onChange, error, local } = props;
  const colourError = fieldMessage(error, 'accentColor', local);
  return (
    <>
      <Field label="Name" error={fieldMessage(error, 'name', local)}>
        {(id, describedBy) => (
          <input id={id} aria-describedby={describedBy} value={form.name} maxLength={100} onChange={(e) => onChange({ ...form, name: e.target.value })} />
        )}
      </Field>
      <Field label="Description (optional)" error={fieldMessage(error, 'description', local)}>
        {(id, describedBy) => (
          <textarea id={id} aria-describedby={describedBy} rows={2} value={form.description} maxLength={500} onChange={(e) => onChange({ ...form, description: e.target.value })} />
        )}
      </Field>
      <Field label="Accent colour (optional)" hint="As #rrggbb, or pick one. Leave empty for none." error={colourError}>
        {(id, describedBy) => (
          <div className="pa-color">
            <input id={id} aria-describedby={describedBy} value={form.accentColor} placeholder="#1f4e79" maxLength={7} size={9} onChange={(e) => onChange({ ...form, accentColor: e.target.value.trim() })} />
            <input
              type="color"
              aria-label="Pick the accent colour"
              value={/^#[0-9a-fA-F]{6}$/.test(form.accentColor) ? form.accentColor.toLowerCase() : '#1f4e79'}
              onChange={(e) => onChange({ ...form, accentColor: e.target.value })}
            />
            {form.accentColor && (
              <button type="button" className="link" onClick={() => onChange({ ...form, accentColor: '' })}>
                No colour
              </button>
            )}
          </div>
        )}
      </Field>
    </>
  );
}

function CreatePortal(props: { base: string; onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<PortalForm>(EMPTY);
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useAction(async () => {
    await post<Portal>(props.base, createPortalBody(form));
    setForm(EMPTY);
    setOpen(false);
    props.onCreated();
  });
  if (!open) {
    return (
      <p>
        <button className="primary" onClick={() => setOpen(true)}>
          New portal
        </button>
      </p>
    );
  }
  return (
    <section className="pa-box" aria-labelledby="new-portal">
      <h2 id="new-portal">New portal</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const problems = portalFormProblems(form);
          setLocal(problems);
          if (Object.keys(problems).length === 0) void create.run();
        }}
      >
        <PortalFields form={form} onChange={setForm} error={create.error} local={local} />
        <FormError error={create.error} placed={FORM_FIELDS} />
        <div className="actions">
          <button className="primary" disabled={create.pending}>
            {create.pending ? 'Creating…' : 'Create portal'}
          </button>
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              setLocal({});
              create.clear();
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function PortalCard(props: { orgId: string; base: string; portal: PortalRow; isAdmin: boolean; defaultPortal?: Portal; onChanged: () => void }) {
  const { portal: p, isAdmin } = props;
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<PortalForm>(EMPTY);
  const [local, setLocal] = useState<Record<string, string>>({});
  const update = useAction(async () => {
    const body = updatePortalBody(p, form);
    if (Object.keys(body).length > 0) await patch<Portal>(`${props.base}/${p.id}`, body);
    setEditing(false);
    props.onChanged();
  });
  const archive = useAction(async () => {
    await del(`${props.base}/${p.id}`);
    props.onChanged();
  });
  const headingId = `portal-${p.id}`;
  const style = (p.accentColor ? { '--pa-accent': p.accentColor } : {}) as CSSProperties;
  const s = p.stats;

  return (
    <li className="pa-card" style={style}>
      <h3 id={headingId}>
        {p.archived ? p.name : <Link to={`/orgs/${props.orgId}/portals/${p.id}`}>{p.name}</Link>}
        {p.isDefault && <span className="pa-tag">Default</span>}
        {p.archived && <span className="pa-tag">Archived {p.archivedAt ? formatTime(p.archivedAt) : ''}</span>}
        {p.myPortalRole && <span className="pa-tag">You: {portalRoleName(p.myPortalRole).toLowerCase()}</span>}
      </h3>
      {p.description && <p>{p.description}</p>}
      {!p.archived && (
        <dl className="pa-stats">
          <div>
            <dt>Members</dt>
            <dd>{s?.members ?? p.memberCount}</dd>
          </div>
          <div>
            <dt>Available now</dt>
            <dd>{s?.availableNow ?? p.availableCount}</dd>
          </div>
          {s && (
            <>
              <div>
                <dt>Active conversations</dt>
                <dd>{s.activeConversations}</dd>
              </div>
              <div>
                <dt>Open leads</dt>
                <dd>{s.openLeads}</dd>
              </div>
              <div>
                <dt>In the queue</dt>
                <dd>{s.queueLength}</dd>
              </div>
              <div>
                <dt>Leads won this week</dt>
                <dd>{s.leadsWonThisWeek}</dd>
              </div>
            </>
          )}
        </dl>
      )}

      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const problems = portalFormProblems(form);
            setLocal(problems);
            if (Object.keys(problems).length === 0) void update.run();
          }}
          aria-label={`Edit ${p.name}`}
        >
          <PortalFields form={form} onChange={setForm} error={update.error} local={local} />
          <FormError error={update.error} placed={FORM_FIELDS} />
          <div className="actions">
            <button className="primary" disabled={update.pending}>
              {update.pending ? 'Saving…' : 'Save'}
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setLocal({});
                update.clear();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        !p.archived && (
          <div className="actions">
            <Link className="button" to={`/orgs/${props.orgId}/portals/${p.id}`}>
              Open workspace<span className="visually-hidden"> of {p.name}</span>
            </Link>
            <Link className="button" to={`/orgs/${props.orgId}/portals/${p.id}/settings`}>
              Settings<span className="visually-hidden"> of {p.name}</span>
            </Link>
            {isAdmin && (
              <button
                onClick={() => {
                  setForm({ name: p.name, description: p.description ?? '', accentColor: p.accentColor ?? '' });
                  setEditing(true);
                }}
              >
                Rename / edit<span className="visually-hidden"> {p.name}</span>
              </button>
            )}
            {isAdmin && !p.isDefault && (
              <button
                className="danger"
                disabled={archive.pending}
                onClick={() => {
                  if (window.confirm(archiveQuestion(p, props.defaultPortal))) void archive.run();
                }}
              >
                {archive.pending ? 'Archiving…' : 'Archive'}<span className="visually-hidden"> {p.name}</span>
              </button>
            )}
          </div>
        )
      )}
      {p.isDefault && isAdmin && !editing && <p className="pa-muted">The default portal can be renamed but not archived.</p>}
      <ErrorNote error={archive.error} />
    </li>
  );
}
