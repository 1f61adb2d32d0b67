import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { get } from '../api';
import { forgetTokens } from '../auth';
import { announceSignOut, onLive, startLive, stopLive } from '../live';
import { enablePush, pushEnabled, pushSupport, signOutDevice } from '../push';
import { useOrg, useSession } from '../session';
import { ErrorNote, useAction } from '../ui/kit';

/** The frame of every org screen: company switcher, navigation by role, bell, push banner, sign-out. */
export function OrgShell() {
  const { orgs, me, reloadOrgs } = useSession();
  const { orgId, org, isAdmin, isManager, role } = useOrg();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    if (org) localStorage.setItem('switchboard.lastOrg', orgId);
    else reloadOrgs();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orgId, !!org]);

  useEffect(() => {
    if (org) startLive(orgId);
  }, [orgId, org]);

  // signed out in another tab of this browser: this one lets go too
  useEffect(
    () =>
      onLive((m) => {
        if (m.kind === 'signed-out') {
          forgetTokens();
          navigate('/signed-out', { replace: true });
        }
      }),
    [navigate],
  );

  const signOut = useAction(async () => {
    await signOutDevice();
    stopLive();
    announceSignOut();
    forgetTokens();
    navigate('/signed-out', { replace: true });
  });

  if (!org) {
    return (
      <main className="page narrow">
        <h1>Company not found</h1>
        <p>You are not a member of this company (any more).</p>
        <Link to="/">Go to my companies</Link>
      </main>
    );
  }

  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <label className="switcher">
          <span className="visually-hidden">Company</span>
          <select value={orgId} onChange={(e) => (e.target.value === 'new' ? navigate('/orgs/new') : navigate(`/orgs/${e.target.value}`))}>
            {orgs.map((o) => (
              <option key={o.orgId} value={o.orgId}>
                {o.name} ({roleName(o.role)})
              </option>
            ))}
            <option value="new">+ New company…</option>
          </select>
        </label>
        <Bell orgId={orgId} />
        <button className="menu-button" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen((m) => !m)}>
          Menu
        </button>
      </header>
      <nav id="nav" className={menuOpen ? 'nav open' : 'nav'} aria-label="Main" onClick={() => setMenuOpen(false)}>
        <NavLink to={`/orgs/${orgId}`} end>
          Home
        </NavLink>
        {isAdmin && <NavLink to={`/orgs/${orgId}/portals`}>Portals</NavLink>}
        {isManager && <NavLink to={`/orgs/${orgId}/members`}>Members</NavLink>}
        {isManager && <NavLink to={`/orgs/${orgId}/teams`}>Teams</NavLink>}
        {isAdmin && <NavLink to={`/orgs/${orgId}/clients`}>Clients</NavLink>}
        {isAdmin && <NavLink to={`/orgs/${orgId}/roles`}>Roles</NavLink>}
        {isAdmin && <NavLink to={`/orgs/${orgId}/audit`}>Audit log</NavLink>}
        {role === 'OWNER' && <NavLink to={`/orgs/${orgId}/ownership-transfer`}>Ownership</NavLink>}
        <NavLink to={`/orgs/${orgId}/notifications`}>Notifications</NavLink>
        <NavLink to={`/orgs/${orgId}/settings`}>Settings</NavLink>
        <NavLink to="/profile">My profile</NavLink>
        <button className="link" onClick={() => void signOut.run()} disabled={signOut.pending}>
          {signOut.pending ? 'Signing out…' : `Sign out (${me.email})`}
        </button>
        <ErrorNote error={signOut.error} />
      </nav>
      <main id="main" className="page">
        <PushBanner orgId={orgId} />
        <Outlet />
      </main>
    </div>
  );
}

export function roleName(role: string): string {
  if (role.startsWith('custom:')) return 'custom role';
  return role.charAt(0) + role.slice(1).toLowerCase();
}

/** Unread count of this org, kept live by the notification stream. */
function Bell({ orgId }: { orgId: string }) {
  const [unread, setUnread] = useState<number>();
  useEffect(() => {
    let current = true;
    const refresh = () =>
      get<{ unread: number }>(`/api/me/notifications/unread-count?orgId=${orgId}`).then(
        (r) => current && setUnread(r.unread),
        () => undefined,
      );
    void refresh();
    const off = onLive((m) => {
      if (m.kind === 'unread-count' && m.orgId === orgId && !m.portalId) setUnread(m.unread);
      else if (m.kind === 'notification' && m.notification.orgId === orgId) void refresh();
      else if (m.kind === 'connected') void refresh();
    });
    return () => {
      current = false;
      off();
    };
  }, [orgId]);
  return (
    <Link className="bell" to={`/orgs/${orgId}/notifications`} aria-label={`Notifications: ${unread ?? 0} unread`}>
      <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {!!unread && <span className="badge" data-testid="unread-count">{unread}</span>}
    </Link>
  );
}

/** "Enable notifications" for this device; on iOS Safari outside an installed app, how to install it instead. */
function PushBanner({ orgId }: { orgId: string }) {
  const support = pushSupport();
  const [state, setState] = useState<'unknown' | 'on' | 'off' | 'dismissed'>(() =>
    localStorage.getItem('switchboard.pushBannerDismissed') ? 'dismissed' : 'unknown',
  );
  const enable = useAction(async () => {
    await enablePush(orgId);
    setState('on');
  });
  useEffect(() => {
    if (state === 'unknown') void pushEnabled().then((on) => setState(on ? 'on' : 'off'));
  }, [state]);
  useEffect(() => {
    // an existing subscription is registered for this org too, so its notifications reach this device
    if (state === 'on') void enablePush(orgId).catch(() => undefined);
  }, [state, orgId]);
  if (state !== 'off' || support === 'unsupported') return null;
  const dismiss = () => {
    localStorage.setItem('switchboard.pushBannerDismissed', '1');
    setState('dismissed');
  };
  if (support === 'ios-needs-home-screen') {
    return (
      <aside className="banner" aria-label="Notifications on iPhone and iPad">
        <p>
          To get notifications on iPhone or iPad, add Switchboard to your Home Screen: tap <strong>Share</strong>, then{' '}
          <strong>Add to Home Screen</strong>, and open it from there.
        </p>
        <button onClick={dismiss}>Not now</button>
      </aside>
    );
  }
  return (
    <aside className="banner" aria-label="Notifications on this device">
      <p>Get a notification on this device when a conversation or lead is assigned to you, even with Switchboard closed.</p>
      <div className="actions">
        <button className="primary" onClick={() => void enable.run()} disabled={enable.pending}>
          Enable notifications
        </button>
        <button onClick={dismiss}>Not now</button>
      </div>
      <ErrorNote error={enable.error} />
    </aside>
  );
}
