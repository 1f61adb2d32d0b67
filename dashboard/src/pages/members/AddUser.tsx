import { useId, useMemo, useState, type ReactNode } from 'react';
import { ApiError, get, post } from '../../api';
import { ImagePicker, uploadAvatar } from '../../ui/Avatar';
import { ErrorNote, Field, useAction, useLoad } from '../../ui/kit';
import { Problem } from './Problem';
import {
  CHANNELS,
  MAX_CAPACITY,
  MORE_SEATS,
  addressProblem,
  batchResults,
  buildInvitations,
  buildUserCreation,
  channelLabel,
  emptyRouting,
  fieldsUnder,
  grantableRoles,
  joinedPortals,
  parseAddresses,
  resolveTeam,
  routingProblems,
  unshownFields,
  type BatchItem,
  type Channel,
  type Client,
  type CustomRole,
  type ItemResult,
  type Member,
  type Portal,
  type RoutingState,
  type Team,
} from './logic';

export type Org = {
  id: string;
  name: string;
  plan: string;
  seatLimit: number;
  seatsTaken: number;
  primaryOwnerId: string;
  managersMayInviteManagers: boolean;
};

/** Field names of the API that an input of this form shows (the rest are listed with the general error). */
const SHOWN = ['email', 'role', 'portalIds', 'firstName', 'lastName', 'phone', 'fullName', 'password', 'routing', 'newTeam'];

const invalid = (fields: Record<string, string>, detail = 'Check the marked fields.') =>
  new ApiError(400, { title: 'Check the form', detail, errors: Object.entries(fields).map(([field, message]) => ({ field, message })) });

/**
 * "Add user": invite one address or many (the batch endpoint, with a result per address), or create the account
 * at once with an initial password; role, portals and, for those holding routing:manage, the routing setup
 * (channels with capacity, clients per channel, teams picked or created by name).
 */
export function AddUser(props: {
  orgId: string;
  org?: Org;
  actor: Member;
  builtIn: Record<string, string[]>;
  customRoles: CustomRole[];
  portals: Portal[];
  onChanged: () => void;
}) {
  const { orgId, actor } = props;
  const base = `/api/orgs/${orgId}`;
  const canRoute = actor.permissions.includes('routing:manage');
  const teams = useLoad(() => (canRoute ? get<Team[]>(`${base}/teams`) : Promise.resolve([] as Team[])), [base, canRoute]);
  const clients = useLoad(() => (canRoute ? get<Client[]>(`${base}/clients`) : Promise.resolve([] as Client[])), [base, canRoute]);

  const roleOptions = grantableRoles(actor.role, actor.permissions, props.builtIn, props.customRoles, !!props.org?.managersMayInviteManagers);
  // a MANAGER's invitees join only portals that MANAGER manages
  const offeredPortals = actor.role === 'MANAGER' ? props.portals.filter((p) => p.myPortalRole === 'MANAGER') : props.portals;

  const [mode, setMode] = useState<'invite' | 'create'>('invite');
  const [text, setText] = useState('');
  const [role, setRole] = useState(() => (roleOptions.some((o) => o.value === 'AGENT') ? 'AGENT' : roleOptions[0]?.value ?? ''));
  const [portalIds, setPortalIds] = useState<string[]>([]);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [phone, setPhone] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [image, setImage] = useState<File>();
  const [imageKey, setImageKey] = useState(0);
  const [routing, setRouting] = useState<RoutingState>(emptyRouting);
  const [newTeam, setNewTeam] = useState('');
  const [newTeamPortal, setNewTeamPortal] = useState('');
  const [results, setResults] = useState<ItemResult[]>();
  const [done, setDone] = useState<string>();
  const [routingOpen, setRoutingOpen] = useState(false);
  const [personOpen, setPersonOpen] = useState(false);

  const parsed = useMemo(() => parseAddresses(text), [text]);
  const joined = joinedPortals(portalIds, role, props.portals, actor.role === 'MANAGER' ? offeredPortals.map((p) => p.id) : undefined);
  const teamPortal = joined.includes(newTeamPortal) ? newTeamPortal : joined[0] ?? '';
  const offeredTeams = (teams.data ?? []).filter((t) => joined.includes(t.portalId));
  const portalName = (id: string) => props.portals.find((p) => p.id === id)?.name ?? 'portal';

  const send = useAction(async () => {
    setResults(undefined);
    setDone(undefined);
    const direct = mode === 'create';
    const problem = addressProblem(parsed, direct);
    const local: Record<string, string> = { ...(problem ? { email: problem } : {}), ...(canRoute ? routingProblems(routing) : {}) };
    if (Object.keys(local).length > 0) throw invalid(local);

    // a typed team name: the team of that name in the chosen portal, or a new Round Robin team made first
    const extraTeams: string[] = [];
    if (canRoute && newTeam.trim()) {
      if (!teamPortal) throw invalid({ newTeam: 'Choose a portal for this person first: a team lives in a portal.' });
      const resolved = resolveTeam(newTeam, teamPortal, teams.data ?? []);
      if (resolved.existing) extraTeams.push(resolved.existing.id);
      if (resolved.create) {
        let team: Team;
        try {
          team = await post<Team>(`${base}/teams`, resolved.create);
        } catch (e) {
          if (e instanceof ApiError) throw invalid({ newTeam: e.fields.name ?? e.detail ?? e.title }, `The team "${resolved.create.name}" could not be created.`);
          throw e;
        }
        extraTeams.push(team.id);
      }
      // picked from now on: a retry after a failed invitation does not create the team again
      setRouting((r) => ({ ...r, teamIds: [...new Set([...r.teamIds, ...extraTeams])] }));
      setNewTeam('');
      teams.reload();
    }

    const form = { role, portalIds, firstName, lastName, phone, routing: canRoute ? routing : emptyRouting() };
    const addresses = parsed.addresses;
    if (direct) {
      const created = await post<{ userId: string; email: string }>(`${base}/users`, buildUserCreation({ ...form, fullName, password }, addresses[0], extraTeams));
      let imageNote = '';
      if (image) {
        try {
          await uploadAvatar(`${base}/users/${created.userId}/avatar`, image);
        } catch (e) {
          imageNote = ` Their profile image was not saved (${e instanceof ApiError ? e.detail || e.title : 'try again from the member list later'}).`;
        }
        setImage(undefined);
        setImageKey((k) => k + 1);
      }
      setDone(`The account of ${created.email} is ready. Give them the initial password; they must change it at first sign-in, and the welcome mail's link confirms their address.${imageNote}`);
      setPassword('');
      setFullName('');
      setText('');
      // the membership is made from an event a moment later: look again then
      window.setTimeout(props.onChanged, 1500);
    } else if (addresses.length === 1) {
      const [body] = buildInvitations(form, addresses, extraTeams);
      await post(`${base}/invitations`, body);
      setDone(`Invitation sent to ${addresses[0]}. The link in it works for 7 days.`);
      setText('');
      setFirstName('');
      setLastName('');
      setPhone('');
    } else {
      const items = await post<BatchItem[]>(`${base}/invitations/batch`, buildInvitations(form, addresses, extraTeams));
      const lines = batchResults(addresses, items);
      setResults(lines);
      const sent = lines.filter((l) => l.ok).length;
      setDone(`${sent} of ${lines.length} invitations sent.`);
      if (sent === lines.length) setText('');
    }
    props.onChanged();
  });

  const fields = send.fields;
  const seatLimit = send.error instanceof ApiError && send.error.kind === 'seat-limit-reached';
  const unshown = unshownFields(fields, SHOWN);
  const failed = results?.filter((r) => !r.ok) ?? [];
  const batchSeatLimit = failed.some((r) => r.kind === 'seat-limit-reached') && !failed.some((r) => r.message.includes(MORE_SEATS));

  return (
    <form
      className="add-user-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send.run();
      }}
    >
      <fieldset className="choices">
        <legend>How</legend>
        <label>
          <input type="radio" name="add-mode" checked={mode === 'invite'} onChange={() => setMode('invite')} /> Send an invitation by email
        </label>
        <label>
          <input type="radio" name="add-mode" checked={mode === 'create'} onChange={() => setMode('create')} /> Create the account now with an
          initial password
        </label>
      </fieldset>

      {mode === 'invite' ? (
        <Field label="Email addresses" error={fields.email} hint="One address, or several: one per line or separated by commas.">
          {(id, d) => (
            <textarea id={id} aria-describedby={d} aria-invalid={!!fields.email} rows={4} value={text} onChange={(e) => setText(e.target.value)} required autoComplete="off" spellCheck={false} />
          )}
        </Field>
      ) : (
        <Field label="Email address" error={fields.email}>
          {(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!fields.email} type="email" value={text} onChange={(e) => setText(e.target.value)} required autoComplete="off" maxLength={254} />}
        </Field>
      )}
      {mode === 'invite' && parsed.addresses.length > 1 && (
        <p className="hint" aria-live="polite">
          {parsed.addresses.length} addresses{parsed.repeated > 0 ? ` (${parsed.repeated} repeated, counted once)` : ''}: sent together, each
          gets its own answer.
        </p>
      )}

      {results && (
        <div className="batch-results" aria-labelledby="batch-results-title">
          <h3 id="batch-results-title">Result per address</h3>
          <ul>
            {results.map((r) => (
              <li key={r.email} className={r.ok ? 'ok' : 'failed'}>
                <span className="address">{r.email}</span>
                <span>
                  <strong>{r.ok ? 'Sent' : 'Not sent:'}</strong> {r.ok ? '' : r.message}
                </span>
              </li>
            ))}
          </ul>
          {batchSeatLimit && <p className="warning">{MORE_SEATS}</p>}
          {failed.length > 0 && failed.length < results.length && (
            <button type="button" onClick={() => { setText(failed.map((f) => f.email).join('\n')); setResults(undefined); }}>
              Keep only the {failed.length} that were not sent
            </button>
          )}
        </div>
      )}

      {mode === 'create' && (
        <>
          <Field label="Full name" error={fields.fullName}>
            {(id, d) => <input id={id} aria-describedby={d} value={fullName} onChange={(e) => setFullName(e.target.value)} required maxLength={120} autoComplete="off" />}
          </Field>
          <Field label="Initial password" error={fields.password} hint="At least 8 characters. They must change it when they first sign in.">
            {(id, d) => (
              <input id={id} aria-describedby={d} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} maxLength={128} autoComplete="new-password" />
            )}
          </Field>
          <ImagePicker key={imageKey} label="Profile image (optional)" onChange={setImage} />
        </>
      )}
      {mode === 'invite' && parsed.addresses.length <= 1 && (
        <details className="person" open={personOpen || !!(fields.firstName || fields.lastName || fields.phone)} onToggle={(e) => setPersonOpen(e.currentTarget.open)}>
          <summary>Name and phone (optional)</summary>
          <Field label="First name" error={fields.firstName}>
            {(id, d) => <input id={id} aria-describedby={d} value={firstName} onChange={(e) => setFirstName(e.target.value)} maxLength={60} autoComplete="off" />}
          </Field>
          <Field label="Last name" error={fields.lastName}>
            {(id, d) => <input id={id} aria-describedby={d} value={lastName} onChange={(e) => setLastName(e.target.value)} maxLength={60} autoComplete="off" />}
          </Field>
          <Field label="Phone" error={fields.phone}>
            {(id, d) => <input id={id} aria-describedby={d} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={32} autoComplete="off" />}
          </Field>
        </details>
      )}

      <Field label="Role" error={fields.role} hint={role === 'VIEWER' ? 'Viewers read everything, change nothing, and take no seat.' : undefined}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={role} onChange={(e) => setRole(e.target.value)} required>
            {roleOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>

      <Group
        legend="Portals"
        error={fieldsUnder(fields, 'portalIds')}
        hint={actor.role === 'MANAGER' ? 'With none chosen, they join every portal you manage, as an employee.' : portalHint(role, props.portals)}
      >
        {offeredPortals.length === 0 && <p className="hint">No portals to choose from.</p>}
        {offeredPortals.map((p) => (
          <label key={p.id}>
            <input type="checkbox" checked={portalIds.includes(p.id)} onChange={(e) => setPortalIds((ids) => (e.target.checked ? [...ids, p.id] : ids.filter((i) => i !== p.id)))} />{' '}
            {p.name}
            {p.isDefault && <span className="hint"> (default)</span>}
          </label>
        ))}
      </Group>

      {canRoute && (
        <details className="routing" open={routingOpen || !!fieldsUnder(fields, 'routing') || !!fields.newTeam} onToggle={(e) => setRoutingOpen(e.currentTarget.open)}>
          <summary>Routing: channels, clients and teams (optional)</summary>
          <p className="hint">Applied when they join. You can change it later on their routing profile.</p>
          <ErrorNote error={teams.error ?? clients.error} />

          <Group legend="Channels and capacity" hint={`How many open conversations at once on each channel (0–${MAX_CAPACITY}).`}>
            <div className="channel-grid">
              {CHANNELS.map((c) => (
                <ChannelRow key={c} channel={c} state={routing} setState={setRouting} error={fields[`routing.channels.${c}`]} />
              ))}
            </div>
          </Group>

          <Group legend="Clients" error={fields['routing.clients']} hint="For each client, the channels they handle it on. Channels not allowed above are shown disabled.">
            {clients.data && clients.data.length === 0 && <p className="hint">This organization has no clients yet.</p>}
            {(clients.data ?? []).map((client) => (
              <ClientRow key={client.id} client={client} state={routing} setState={setRouting} error={fieldsUnder(fields, `routing.clients.${client.id}`)} />
            ))}
          </Group>

          <Group legend="Teams" error={fieldsUnder(fields, 'routing.teamIds')}>
            {joined.length === 0 ? (
              <p className="hint">Choose a portal above to put them in teams: a team lives in a portal{role === 'VIEWER' || role === 'ADMIN' || role === 'OWNER' ? ', and this role joins none by default' : ''}.</p>
            ) : (
              <>
                {offeredTeams.length === 0 && <p className="hint">No teams in {joined.map(portalName).join(', ')} yet.</p>}
                {offeredTeams.map((t) => (
                  <label key={t.id}>
                    <input
                      type="checkbox"
                      checked={routing.teamIds.includes(t.id)}
                      onChange={(e) => setRouting((r) => ({ ...r, teamIds: e.target.checked ? [...r.teamIds, t.id] : r.teamIds.filter((i) => i !== t.id) }))}
                    />{' '}
                    {t.name} <span className="hint">({portalName(t.portalId)})</span>
                  </label>
                ))}
                <Field label="Or a new team: its name" error={fields.newTeam} hint="Created with Round Robin before the invitation is sent; an existing team of that name is picked instead.">
                  {(id, d) => <input id={id} aria-describedby={d} value={newTeam} onChange={(e) => setNewTeam(e.target.value)} maxLength={100} autoComplete="off" />}
                </Field>
                {joined.length > 1 && newTeam.trim() && (
                  <Field label="New team's portal">
                    {(id, d) => (
                      <select id={id} aria-describedby={d} value={teamPortal} onChange={(e) => setNewTeamPortal(e.target.value)}>
                        {joined.map((p) => (
                          <option key={p} value={p}>
                            {portalName(p)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                )}
              </>
            )}
          </Group>
        </details>
      )}

      {seatLimit ? (
        <div className="error" role="alert">
          <strong>No seat left.</strong>
          <p>
            {props.org ? `All ${props.org.seatLimit} seats are taken (members and pending invitations). ` : ''}
            {MORE_SEATS} Viewers take no seat.
          </p>
        </div>
      ) : send.error !== undefined && send.error instanceof ApiError && Object.keys(fields).length > 0 && Object.keys(unshown).length === 0 ? (
        <p className="error" role="alert">
          {send.error.status === 400 ? 'Check the marked fields.' : send.error.detail || send.error.title}
        </p>
      ) : (
        <Problem error={send.error} />
      )}
      {done && (
        <p className="done" role="status">
          {done}
        </p>
      )}
      <div className="actions">
        <button className="primary" disabled={send.pending || roleOptions.length === 0}>
          {send.pending ? 'Sending…' : mode === 'create' ? 'Create account' : parsed.addresses.length > 1 ? `Send ${parsed.addresses.length} invitations` : 'Send invitation'}
        </button>
      </div>
    </form>
  );
}

function portalHint(role: string, portals: Portal[]): string {
  const fallback = portals.find((p) => p.isDefault)?.name ?? 'the default portal';
  return role === 'OWNER' || role === 'ADMIN' || role === 'VIEWER'
    ? 'With none chosen, they join no portal (owners and admins see every portal anyway).'
    : `With none chosen, they join ${fallback}.`;
}

/** A labelled group of checkboxes (fieldset + legend) with its hint and its error from the API. */
function Group(props: { legend: string; hint?: string; error?: string; children: ReactNode }) {
  const id = useId();
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={props.error ? 'group invalid' : 'group'} aria-describedby={describedBy}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <small id={`${id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
      {props.children}
      {props.error && (
        <small id={`${id}-error`} className="field-error">
          {props.error}
        </small>
      )}
    </fieldset>
  );
}

function ChannelRow(props: { channel: Channel; state: RoutingState; setState: (f: (s: RoutingState) => RoutingState) => void; error?: string }) {
  const { channel } = props;
  const s = props.state.channels[channel];
  const id = useId();
  const set = (next: Partial<typeof s>) => props.setState((r) => ({ ...r, channels: { ...r.channels, [channel]: { ...r.channels[channel], ...next } } }));
  return (
    <div className={props.error ? 'channel invalid' : 'channel'}>
      <label>
        <input type="checkbox" checked={s.on} onChange={(e) => set({ on: e.target.checked })} /> {channelLabel(channel)}
      </label>
      <label className="visually-hidden" htmlFor={`${id}-cap`}>
        {channelLabel(channel)} capacity
      </label>
      <input
        id={`${id}-cap`}
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_CAPACITY}
        step={1}
        value={s.capacity}
        disabled={!s.on}
        required={s.on}
        aria-describedby={props.error ? `${id}-error` : undefined}
        aria-invalid={!!props.error}
        onChange={(e) => set({ capacity: e.target.value })}
      />
      {props.error && (
        <small id={`${id}-error`} className="field-error">
          {props.error}
        </small>
      )}
    </div>
  );
}

function ClientRow(props: { client: Client; state: RoutingState; setState: (f: (s: RoutingState) => RoutingState) => void; error?: string }) {
  const { client } = props;
  const chosen = props.state.clients[client.id] ?? [];
  const toggle = (c: Channel, on: boolean) =>
    props.setState((r) => {
      const list = r.clients[client.id] ?? [];
      return { ...r, clients: { ...r.clients, [client.id]: on ? [...list, c] : list.filter((x) => x !== c) } };
    });
  return (
    <fieldset className={props.error ? 'client invalid' : 'client'}>
      <legend>{client.name}</legend>
      <div className="client-channels">
        {CHANNELS.map((c) => {
          const allowed = props.state.channels[c].on;
          return (
            <label key={c} className={allowed ? undefined : 'not-allowed'}>
              <input type="checkbox" disabled={!allowed} checked={allowed && chosen.includes(c)} onChange={(e) => toggle(c, e.target.checked)} /> {channelLabel(c)}
              {!allowed && <span className="visually-hidden"> (not allowed for this person)</span>}
            </label>
          );
        })}
      </div>
      {props.error && <small className="field-error">{props.error}</small>}
    </fieldset>
  );
}
