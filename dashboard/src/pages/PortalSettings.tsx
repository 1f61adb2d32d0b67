import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, get, put } from '../api';
import { onLive } from '../live';
import { useOrg, useSession } from '../session';
import { ErrorNote, Field, Loading, useAction, useLoad } from '../ui/kit';
import { PortalMembersSection } from './portals/PortalMembersSection';
import { type PortalAbilities, type PortalRoutingForm, type Reach, STRATEGIES, portalAbilities, portalRoutingBody, strategyName } from './portals/logic';
import type { NotificationPreferences, OrgMember, Portal, PortalMember, PortalRouting, Strategy } from './portals/types';
import { FormError, fieldMessage } from './portals/ui';
import './portals/portals.css';

/** A portal's settings: its members (role, availability, add, remove), its routing, and my notifications for it. */
export default function PortalSettings() {
  const { portalId = '' } = useParams();
  const { orgId, role, isAdmin } = useOrg();
  const { me } = useSession();
  const base = `/api/orgs/${orgId}/portals`;
  const portal = useLoad(() => get<Portal>(`${base}/${portalId}`), [base, portalId]);
  const members = useLoad(() => get<PortalMember[]>(`${base}/${portalId}/members`), [base, portalId]);
  // my permission keys decide what a custom role or a manager may do here; the API has the last word
  const myRecord = useLoad(() => get<{ permissions?: string[] }>(`/api/orgs/${orgId}/members/${me.id}`), [orgId, me.id]);
  // availability changed by someone else, a role change: the list follows
  useEffect(
    () =>
      onLive((m) => {
        if (m.kind === 'notification' && m.notification.portalId === portalId) members.reload();
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [portalId],
  );

  if (portal.loading && !portal.data) return <Loading what="Loading the portal" />;
  if (portal.error) {
    return (
      <>
        <h1>Portal settings</h1>
        <ErrorNote error={portal.error} />
        <p>
          <Link to={`/orgs/${orgId}`}>Back to the company</Link>
        </p>
      </>
    );
  }
  const p = portal.data!;
  const abilities = portalAbilities(role, p.myPortalRole, myRecord.data?.permissions);
  const managesHere = isAdmin || p.myPortalRole === 'MANAGER';

  return (
    <>
      <h1>{p.name}: settings</h1>
      <p className="actions">
        <Link to={`/orgs/${orgId}/portals/${portalId}`}>Open the workspace</Link>
        {isAdmin && <Link to={`/orgs/${orgId}/portals`}>All portals</Link>}
        <a href="#portal-members">Members</a>
        <a href="#portal-routing">Routing</a>
        <a href="#portal-notifications">Notifications</a>
      </p>
      {!managesHere && <p className="banner">Only admins and this portal&apos;s managers change its members and routing.</p>}

      {members.loading && !members.data && <Loading what="Loading members" />}
      <ErrorNote error={members.error} />
      {members.data && (
        <MembersWithOrg orgId={orgId} portal={p} meId={me.id} members={members.data} abilities={abilities} isAdmin={isAdmin} onChanged={members.reload} />
      )}

      <RoutingSection orgId={orgId} portalId={portalId} canEdit={abilities.manageRouting} />
      <NotificationSection orgId={orgId} portalId={portalId} />
    </>
  );
}

/** Loads the org's members (and, for a manager, which portals they manage) only when the caller may add people. */
function MembersWithOrg(props: { orgId: string; portal: Portal; meId: string; members: PortalMember[]; abilities: PortalAbilities; isAdmin: boolean; onChanged: () => void }) {
  const { orgId, abilities, isAdmin } = props;
  const orgMembers = useLoad(
    () => (abilities.manageMembers ? get<OrgMember[]>(`/api/orgs/${orgId}/members`) : Promise.resolve(undefined)),
    [orgId, abilities.manageMembers],
  );
  const portals = useLoad(
    () => (abilities.manageMembers && !isAdmin ? get<Portal[]>(`/api/orgs/${orgId}/portals`) : Promise.resolve(undefined)),
    [orgId, abilities.manageMembers, isAdmin],
  );
  const reach: Reach | undefined =
    isAdmin || !portals.data
      ? undefined
      : { managedPortalIds: portals.data.filter((x) => x.myPortalRole === 'MANAGER').map((x) => x.id), defaultPortalId: portals.data.find((x) => x.isDefault)?.id };
  return (
    <PortalMembersSection
      orgId={orgId}
      portalId={props.portal.id}
      portalName={props.portal.name}
      meId={props.meId}
      members={props.members}
      orgMembers={isAdmin || portals.data ? orgMembers.data : undefined}
      orgMembersError={orgMembers.error ?? portals.error}
      abilities={abilities}
      reach={reach}
      onChanged={() => {
        props.onChanged();
        orgMembers.reload();
      }}
    />
  );
}

function RoutingSection(props: { orgId: string; portalId: string; canEdit: boolean }) {
  const path = `/api/orgs/${props.orgId}/routing/portals/${props.portalId}`;
  const settings = useLoad(() => get<PortalRouting>(path), [path]);
  const [form, setForm] = useState<PortalRoutingForm>();
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const s = settings.data;
    if (s) setForm({ strategy: s.strategy, rerouteAfter: s.rerouteAwayAfterMinutes == null ? '' : String(s.rerouteAwayAfterMinutes), leadsCapacityBound: s.leadsCapacityBound });
  }, [settings.data]);
  const save = useAction(async (body: { strategy: Strategy; rerouteAwayAfterMinutes: number | null; leadsCapacityBound: boolean }) => {
    await put<PortalRouting>(path, body);
    setSaved(true);
    settings.reload();
  });
  const fields = ['strategy', 'rerouteAwayAfterMinutes', 'leadsCapacityBound'];

  return (
    <section className="pa-section" aria-labelledby="portal-routing">
      <h2 id="portal-routing">Routing</h2>
      <p className="pa-muted">How work that targets no team is shared among this portal&apos;s available members. Teams have their own strategy.</p>
      {settings.loading && !settings.data && <Loading what="Loading routing settings" />}
      <ErrorNote error={settings.error} />
      {form && settings.data && !props.canEdit && (
        <dl className="pa-stats">
          <div>
            <dt>Strategy</dt>
            <dd>{strategyName(settings.data.strategy)}</dd>
          </div>
          <div>
            <dt>Route again after away</dt>
            <dd>{settings.data.rerouteAwayAfterMinutes == null ? 'Never' : `${settings.data.rerouteAwayAfterMinutes} min`}</dd>
          </div>
          <div>
            <dt>Lead capacities</dt>
            <dd>{settings.data.leadsCapacityBound ? 'Respected' : 'Ignored'}</dd>
          </div>
        </dl>
      )}
      {form && props.canEdit && (
        <form
          className="pa-box"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            const result = portalRoutingBody(form);
            if ('problems' in result) {
              setLocal(result.problems);
              return;
            }
            setLocal({});
            void save.run(result.body);
          }}
        >
          <Field label="Strategy" error={fieldMessage(save.error, 'strategy', local)} hint={STRATEGIES.find((s) => s.value === form.strategy)?.hint}>
            {(id, describedBy) => (
              <select id={id} aria-describedby={describedBy} value={form.strategy} onChange={(e) => setForm({ ...form, strategy: e.target.value as Strategy })}>
                {STRATEGIES.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Route a member's open conversations again after they are away for (minutes)"
            hint="Empty: never; their conversations stay with them. At most 10080 (7 days)."
            error={fieldMessage(save.error, 'rerouteAwayAfterMinutes', local)}
          >
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                inputMode="numeric"
                type="number"
                min={1}
                max={10080}
                value={form.rerouteAfter}
                onChange={(e) => setForm({ ...form, rerouteAfter: e.target.value })}
              />
            )}
          </Field>
          <div className="field">
            <label className="pa-check">
              <input type="checkbox" checked={form.leadsCapacityBound} onChange={(e) => setForm({ ...form, leadsCapacityBound: e.target.checked })} />
              Leads respect the members&apos; lead capacities
            </label>
            <small className="hint">Off: leads are counted but nobody is ever full.</small>
          </div>
          <FormError error={save.error} placed={fields} />
          <div className="actions">
            <button className="primary" disabled={save.pending}>
              {save.pending ? 'Saving…' : 'Save routing'}
            </button>
            {saved && !save.pending && (
              <span role="status" className="pa-muted">
                Saved.
              </span>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

const SOURCE_TEXT: Record<NotificationPreferences['source'], string> = {
  PORTAL: 'Set for this portal.',
  ORG: 'Following your setting for the whole company.',
  DEFAULT: 'Not set yet: both are on.',
};

function NotificationSection(props: { orgId: string; portalId: string }) {
  const path = `/api/me/notification-preferences?orgId=${props.orgId}&portalId=${props.portalId}`;
  const prefs = useLoad(() => get<NotificationPreferences>(path), [path]);
  const [current, setCurrent] = useState<NotificationPreferences>();
  useEffect(() => setCurrent(prefs.data), [prefs.data]);
  const save = useAction(async (next: { push: boolean; inApp: boolean }) => {
    setCurrent(await put<NotificationPreferences>(path, next));
  });
  const notFound = prefs.error instanceof ApiError && prefs.error.status === 404;

  return (
    <section className="pa-section" aria-labelledby="portal-notifications">
      <h2 id="portal-notifications">Notifications</h2>
      <p className="pa-muted">Your own notifications from this portal. Manage the toggle anytime under Portal → Settings → Notifications.</p>
      {prefs.loading && !prefs.data && <Loading what="Loading your notification settings" />}
      {notFound ? <p>Notification settings for this portal are not available to you.</p> : <ErrorNote error={prefs.error} />}
      {current && (
        <fieldset className="pa-fieldset" aria-describedby="notification-source">
          <legend>Notify me about this portal</legend>
          <div className="pa-checks">
            <label className="pa-check">
              <input
                type="checkbox"
                role="switch"
                checked={current.push}
                disabled={save.pending}
                onChange={(e) => void save.run({ push: e.target.checked, inApp: current.inApp })}
              />
              Push notifications on my devices
            </label>
            <label className="pa-check">
              <input
                type="checkbox"
                role="switch"
                checked={current.inApp}
                disabled={save.pending}
                onChange={(e) => void save.run({ push: current.push, inApp: e.target.checked })}
              />
              In the app (the bell)
            </label>
          </div>
          <p id="notification-source" className="pa-muted" role="status">
            {save.pending ? 'Saving…' : SOURCE_TEXT[current.source]}
          </p>
          <ErrorNote error={save.error} />
        </fieldset>
      )}
    </section>
  );
}
