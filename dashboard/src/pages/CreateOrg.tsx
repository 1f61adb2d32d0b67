import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { get, post } from '../api';
import { useSession } from '../session';
import { ErrorNote, Field, useAction } from '../ui/kit';

/** The gateway learns of the new membership from an event a few milliseconds later: wait for it. */
async function untilMember(orgId: string) {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await get(`/api/orgs/${orgId}`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export function CreateOrg() {
  const { orgs, reloadOrgs, me } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const create = useAction(async () => {
    const org = await post<{ id: string }>('/api/orgs', { name });
    await untilMember(org.id);
    reloadOrgs();
    navigate(`/orgs/${org.id}`);
  });
  return (
    <main className="page narrow">
      <h1>Create your company</h1>
      <p>
        Signed in as {me.name || me.email}. A company holds your people, portals and teams; you will be its owner. It starts on a
        free trial.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
      >
        <Field label="Company name" error={create.fields.name}>
          {(id, describedBy) => (
            <input id={id} aria-describedby={describedBy} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />
          )}
        </Field>
        {!create.fields.name && <ErrorNote error={create.error} />}
        <button className="primary" disabled={create.pending}>
          {create.pending ? 'Creating…' : 'Create company'}
        </button>
      </form>
      {orgs.length > 0 && <p><Link to="/">Back to my companies</Link></p>}
    </main>
  );
}
