import { useState } from 'react';
import { del, get, patch, post } from '../api';
import { useOrg } from '../session';
import { ErrorNote, Field, Loading, formatTime, useAction, useLoad } from '../ui/kit';
import { clientNameProblem } from './portals/logic';
import type { Client } from './portals/types';
import { FormError, fieldMessage } from './portals/ui';
import './portals/portals.css';

/** The org's clients (the businesses its work is for): list, add, rename, delete. OWNER/ADMIN change them. */
export default function Clients() {
  const { orgId, isAdmin } = useOrg();
  const base = `/api/orgs/${orgId}/clients`;
  const clients = useLoad(() => get<Client[]>(base), [base]);
  const list = [...(clients.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <h1>Clients</h1>
      <p className="pa-lead">
        Clients are the businesses your conversations and leads come from. Each member&apos;s routing profile says which clients they handle and on
        which channels.
      </p>
      {!isAdmin && <p className="banner">Only owners and admins add, rename or delete clients.</p>}
      {isAdmin && <AddClient base={base} existing={list} onAdded={clients.reload} />}

      <h2>All clients</h2>
      <ErrorNote error={clients.error} />
      {clients.loading && !clients.data && <Loading what="Loading clients" />}
      {clients.data && list.length === 0 && <p>No clients yet.{isAdmin && ' Add the first one above.'}</p>}
      {list.length > 0 && (
        <ul className="pa-list" aria-label="Clients">
          {list.map((c) => (
            <ClientRow key={c.id} base={base} client={c} others={list.filter((o) => o.id !== c.id)} canEdit={isAdmin} onChanged={clients.reload} />
          ))}
        </ul>
      )}
    </>
  );
}

function AddClient(props: { base: string; existing: Client[]; onAdded: () => void }) {
  const [name, setName] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const add = useAction(async () => {
    await post<Client>(props.base, { name: name.trim() });
    setName('');
    props.onAdded();
  });
  const submit = () => {
    const problem = clientNameProblem(name, props.existing);
    setLocal(problem ? { name: problem } : {});
    if (!problem) void add.run();
  };
  return (
    <section className="pa-box" aria-labelledby="add-client">
      <h2 id="add-client">Add a client</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="pa-row">
          <Field label="Client name" error={fieldMessage(add.error, 'name', local)}>
            {(id, describedBy) => (
              <input id={id} aria-describedby={describedBy} aria-invalid={!!fieldMessage(add.error, 'name', local)} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
            )}
          </Field>
          <button className="primary" disabled={add.pending}>
            {add.pending ? 'Adding…' : 'Add client'}
          </button>
        </div>
        <FormError error={add.error} placed={['name']} />
      </form>
    </section>
  );
}

function ClientRow(props: { base: string; client: Client; others: Client[]; canEdit: boolean; onChanged: () => void }) {
  const { client } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(client.name);
  const [local, setLocal] = useState<Record<string, string>>({});
  const rename = useAction(async () => {
    await patch<Client>(`${props.base}/${client.id}`, { name: name.trim() });
    setEditing(false);
    props.onChanged();
  });
  const remove = useAction(async () => {
    await del(`${props.base}/${client.id}`);
    props.onChanged();
  });
  const save = () => {
    if (name.trim() === client.name) {
      setEditing(false);
      return;
    }
    const problem = clientNameProblem(name, props.others);
    setLocal(problem ? { name: problem } : {});
    if (!problem) void rename.run();
  };
  const confirmDelete = () => {
    if (
      window.confirm(
        `Delete the client “${client.name}”? It is taken out of every member's routing profile and no new work can be opened for it. Past conversations and leads keep it.`,
      )
    ) {
      void remove.run();
    }
  };

  if (editing) {
    return (
      <li className="pa-card">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <div className="pa-row">
            <Field label={`New name for ${client.name}`} error={fieldMessage(rename.error, 'name', local)}>
              {(id, describedBy) => (
                <input id={id} aria-describedby={describedBy} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoFocus />
              )}
            </Field>
            <div className="actions">
              <button className="primary" disabled={rename.pending}>
                {rename.pending ? 'Saving…' : 'Save'}
              </button>
              <button
                type="button"
                onClick={() => {
                  setEditing(false);
                  setName(client.name);
                  setLocal({});
                  rename.clear();
                }}
              >
                Cancel
              </button>
            </div>
          </div>
          <FormError error={rename.error} placed={['name']} />
        </form>
      </li>
    );
  }
  return (
    <li className="pa-card">
      <h3>{client.name}</h3>
      <p className="pa-muted">Added {formatTime(client.createdAt)}</p>
      {props.canEdit && (
        <div className="actions">
          <button onClick={() => setEditing(true)}>
            Rename<span className="visually-hidden"> {client.name}</span>
          </button>
          <button className="danger" onClick={confirmDelete} disabled={remove.pending}>
            {remove.pending ? 'Deleting…' : 'Delete'}<span className="visually-hidden"> {client.name}</span>
          </button>
        </div>
      )}
      <ErrorNote error={remove.error} />
    </li>
  );
}
