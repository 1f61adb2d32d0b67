import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, get, put } from '../api';
import { useOrg, useSession } from '../session';
import { ErrorNote, Loading, useAction, useLoad } from '../ui/kit';
import { channelName } from './Workspace';
import {
  MAX_CAPACITY,
  type ProfileForm,
  clientChannelEnabled,
  clientError,
  mayEditProfile,
  openOnRemovedChannels,
  personName,
  profileBody,
  profileForm,
  setCapacity,
  setChannel,
  setClientChannel,
  unplacedErrors,
} from './portals/logic';
import { CHANNELS, type Client, type OrgMember, type Portal, type RoutingProfile as Profile } from './portals/types';
import { fieldMessage } from './portals/ui';
import './portals/portals.css';

/** A member's routing profile: channels with capacities, clients per channel, lead capacity, and what they hold now. */
export default function RoutingProfile() {
  const { userId = '' } = useParams();
  const { orgId, role, isAdmin, isManager } = useOrg();
  const { me } = useSession();
  const member = useLoad(() => get<OrgMember>(`/api/orgs/${orgId}/members/${userId}`), [orgId, userId]);
  const profile = useLoad(() => get<Profile>(`/api/orgs/${orgId}/members/${userId}/routing-profile`), [orgId, userId]);
  const clients = useLoad(() => get<Client[]>(`/api/orgs/${orgId}/clients`), [orgId]);
  const portals = useLoad(() => get<Portal[]>(`/api/orgs/${orgId}/portals`), [orgId]);
  const myRecord = useLoad(() => get<OrgMember & { permissions?: string[] }>(`/api/orgs/${orgId}/members/${me.id}`), [orgId, me.id]);

  const name = member.data ? personName(member.data) : 'Member';
  const loading = (member.loading && !member.data) || (profile.loading && !profile.data) || (clients.loading && !clients.data);
  const managed = (portals.data ?? []).filter((p) => p.myPortalRole === 'MANAGER').map((p) => p.id);
  const canEdit = !!member.data && mayEditProfile(role, myRecord.data?.permissions, managed, member.data);

  return (
    <>
      <h1>Routing profile{member.data ? `: ${name}` : ''}</h1>
      <p className="pa-lead">
        Which channels and clients {member.data ? name : 'this member'} takes work from, and how much at once. Routing sends new work only within these
        limits; work already open stays.
      </p>
      <p className="actions">
        {isManager && <Link to={`/orgs/${orgId}/members`}>Back to members</Link>}
        {member.data && <span className="pa-muted">{member.data.email}</span>}
      </p>
      {loading && <Loading what="Loading the routing profile" />}
      <ErrorNote error={member.error} />
      {profile.error instanceof ApiError && profile.error.status === 403 ? (
        <p className="error" role="alert">
          You may not see this routing profile: admins see everyone&apos;s, managers those of their portals&apos; members.
        </p>
      ) : (
        <ErrorNote error={profile.error} />
      )}
      <ErrorNote error={clients.error} />
      {profile.data && clients.data && (
        <ProfileEditor
          path={`/api/orgs/${orgId}/members/${userId}/routing-profile`}
          name={name}
          profile={profile.data}
          clients={clients.data}
          canEdit={canEdit}
          clientsPath={isAdmin ? `/orgs/${orgId}/clients` : undefined}
          onSaved={profile.reload}
        />
      )}
    </>
  );
}

function ProfileEditor(props: { path: string; clientsPath?: string; name: string; profile: Profile; clients: Client[]; canEdit: boolean; onSaved: () => void }) {
  const { profile, canEdit } = props;
  const [form, setForm] = useState<ProfileForm>(() => profileForm(profile));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => setForm(profileForm(props.profile)), [props.profile]);
  const clients = [...props.clients].sort((a, b) => a.name.localeCompare(b.name));
  const clientIds = clients.map((c) => c.id);
  const save = useAction(async () => {
    const result = profileBody(form, clientIds);
    if ('problems' in result) {
      setLocal(result.problems);
      return;
    }
    setLocal({});
    await put<Profile>(props.path, result.body);
    setSaved(true);
    props.onSaved();
  });
  const change = (next: ProfileForm) => {
    setSaved(false);
    setForm(next);
  };
  const apiFields = save.error instanceof ApiError ? save.error.fields : {};
  const unplaced = unplacedErrors(apiFields, clientIds);
  const errorFor = (field: string) => fieldMessage(save.error, field, local);
  const leftOpen = openOnRemovedChannels(profile.openCounts ?? {}, form);
  const noChannel = CHANNELS.every((c) => !form.channels[c].on);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
      className="pa-profile"
      style={{ maxWidth: 'none' }}
      noValidate
    >
      {!canEdit && (
        <p className="banner">
          Read-only for you: admins change anyone&apos;s routing profile, managers those of their portals&apos; members (never an owner&apos;s or
          admin&apos;s).
        </p>
      )}
      <fieldset disabled={!canEdit} className="pa-fieldset">
        <legend>Channels and capacity</legend>
        <p className="pa-muted">Capacity: how many open conversations at once on that channel (0–{MAX_CAPACITY}). 0 keeps the channel but sends nothing new.</p>
        <div className="table-wrap">
          <table className="pa-table">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Capacity</th>
                <th scope="col">Open now</th>
              </tr>
            </thead>
            <tbody>
              {CHANNELS.map((c) => {
                const error = errorFor(`channels.${c}`);
                const errorId = `cap-${c}-error`;
                return (
                  <tr key={c}>
                    <td>
                      <label className="pa-check">
                        <input type="checkbox" checked={form.channels[c].on} onChange={(e) => change(setChannel(form, c, e.target.checked))} />
                        {channelName(c)}
                      </label>
                    </td>
                    <td>
                      {form.channels[c].on ? (
                        <>
                          <input
                            type="number"
                            inputMode="numeric"
                            min={0}
                            max={MAX_CAPACITY}
                            aria-label={`${channelName(c)} capacity`}
                            aria-invalid={!!error}
                            aria-describedby={error ? errorId : undefined}
                            value={form.channels[c].capacity}
                            onChange={(e) => change(setCapacity(form, c, e.target.value))}
                          />
                          {error && (
                            <small id={errorId} className="pa-field-error">
                              {error}
                            </small>
                          )}
                        </>
                      ) : (
                        <span className="pa-muted">Not theirs</span>
                      )}
                    </td>
                    <td>{profile.openCounts?.[c] ?? 0}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {leftOpen.length > 0 && (
          <p className="warning">
            Still open on channels they no longer have (it stays theirs until closed):{' '}
            {leftOpen.map((o) => `${channelName(o.channel)} ${o.open}`).join(', ')}.
          </p>
        )}
      </fieldset>

      <fieldset disabled={!canEdit} className="pa-fieldset">
        <legend>Clients</legend>
        <p className="pa-muted">
          The channels {props.name} handles each client on. Channels they don&apos;t have are shown disabled: give them the channel above first.
        </p>
        {clients.length === 0 && (
          <p>
            The organization has no clients yet.{props.clientsPath && <> <Link to={props.clientsPath}>Add clients</Link> first.</>}
          </p>
        )}
        {noChannel && clients.length > 0 && <p className="pa-muted">Turn on at least one channel to give them clients.</p>}
        <div className="pa-list">
          {clients.map((client) => {
            const error = clientError(apiFields, client.id);
            const chosen = form.clients[client.id] ?? [];
            const errorId = `client-${client.id}-error`;
            return (
              <fieldset key={client.id} className="pa-fieldset" aria-describedby={error ? errorId : undefined}>
                <legend>
                  {client.name}
                  <span className="visually-hidden">: {chosen.length === 0 ? 'not handled' : `${chosen.length} channels`}</span>
                </legend>
                <div className="pa-checks">
                  {CHANNELS.map((c) => {
                    const enabled = clientChannelEnabled(form, c);
                    return (
                      <label key={c} className="pa-check">
                        <input
                          type="checkbox"
                          checked={chosen.includes(c)}
                          disabled={!enabled}
                          onChange={(e) => change(setClientChannel(form, client.id, c, e.target.checked))}
                        />
                        <span className={enabled ? undefined : 'pa-muted'}>
                          {channelName(c)}
                          {!enabled && <span className="visually-hidden"> (they don&apos;t have this channel)</span>}
                        </span>
                      </label>
                    );
                  })}
                </div>
                {error && (
                  <small id={errorId} className="pa-field-error">
                    {error}
                  </small>
                )}
              </fieldset>
            );
          })}
        </div>
      </fieldset>

      <fieldset disabled={!canEdit} className="pa-fieldset">
        <legend>Leads</legend>
        <div className="field">
          <label htmlFor="lead-capacity">Lead capacity</label>
          <input
            id="lead-capacity"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_CAPACITY}
            value={form.leadCapacity}
            placeholder="No limit"
            aria-invalid={!!errorFor('leadCapacity')}
            aria-describedby={['lead-capacity-hint', errorFor('leadCapacity') ? 'lead-capacity-error' : ''].filter(Boolean).join(' ')}
            onChange={(e) => change({ ...form, leadCapacity: e.target.value })}
          />
          <small id="lead-capacity-hint" className="hint">
            How many open leads at once (0–{MAX_CAPACITY}). Empty: no limit for them.
          </small>
          {errorFor('leadCapacity') && (
            <small id="lead-capacity-error" className="field-error">
              {errorFor('leadCapacity')}
            </small>
          )}
        </div>
        <p>
          Open leads now: <strong>{profile.openLeads}</strong>
        </p>
      </fieldset>

      {(Object.keys(apiFields).length === 0 || Object.keys(unplaced).length > 0) && <ErrorNote error={save.error} />}
      {Object.keys(local).length > 0 && (
        <p className="error" role="alert">
          Some values need fixing: see the fields above.
        </p>
      )}
      {canEdit && (
        <div className="actions">
          <button className="primary" disabled={save.pending}>
            {save.pending ? 'Saving…' : 'Save routing profile'}
          </button>
          <button
            type="button"
            onClick={() => {
              setForm(profileForm(profile));
              setLocal({});
              save.clear();
              setSaved(false);
            }}
          >
            Undo changes
          </button>
          {saved && (
            <span role="status" className="pa-muted">
              Saved.
            </span>
          )}
        </div>
      )}
    </form>
  );
}
