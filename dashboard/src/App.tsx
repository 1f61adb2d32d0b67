import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { get } from './api';
import { isSignedIn, signIn } from './auth';
import { AcceptInvitation } from './pages/AcceptInvitation';
import { CreateOrg } from './pages/CreateOrg';
import { Home } from './pages/Home';
import { OrgHome } from './pages/OrgHome';
import { OrgShell } from './pages/OrgShell';
import { SignedOut } from './pages/SignedOut';
import { Workspace } from './pages/Workspace';
import { type Me, type OrgSummary, SessionContext } from './session';
import { ErrorNote, Loading } from './ui/kit';

// admin screens load on demand: the workspace an agent opens first stays small
const Members = lazy(() => import('./pages/Members'));
const Roles = lazy(() => import('./pages/Roles'));
const OwnershipTransfer = lazy(() => import('./pages/OwnershipTransfer'));
const Audit = lazy(() => import('./pages/Audit'));
const OrgSettings = lazy(() => import('./pages/OrgSettings'));
const Portals = lazy(() => import('./pages/Portals'));
const PortalSettings = lazy(() => import('./pages/PortalSettings'));
const Teams = lazy(() => import('./pages/Teams'));
const Clients = lazy(() => import('./pages/Clients'));
const RoutingProfile = lazy(() => import('./pages/RoutingProfile'));
const Profile = lazy(() => import('./pages/Profile'));
const Notifications = lazy(() => import('./pages/Notifications'));
const WorkItem = lazy(() => import('./pages/WorkItem'));
const Queue = lazy(() => import('./pages/Queue'));

export function App() {
  return (
    <BrowserRouter>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/invite/:token" element={<AcceptInvitation />} />
          <Route path="/signed-out" element={<SignedOut />} />
          <Route path="*" element={<SignedInApp />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}

/** Everything behind sign-in: loads who I am and my orgs once, then the screens. */
function SignedInApp() {
  const [me, setMe] = useState<Me>();
  const [orgs, setOrgs] = useState<OrgSummary[]>();
  const [error, setError] = useState<unknown>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!isSignedIn()) {
      void signIn();
      return;
    }
    Promise.all([get<Me>('/api/me'), get<OrgSummary[]>('/api/me/orgs')]).then(([m, o]) => {
      setMe(m);
      setOrgs(o);
    }, setError);
  }, [round]);

  if (!isSignedIn()) return <Loading what="Signing in" />;
  if (error) return <main className="page narrow"><ErrorNote error={error} /></main>;
  if (!me || !orgs) return <Loading />;
  return (
    <SessionContext.Provider value={{ me, orgs, reloadOrgs: () => setRound((r) => r + 1) }}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/orgs/new" element={<CreateOrg />} />
          <Route path="/profile" element={<Profile />} />
          <Route path="/orgs/:orgId" element={<OrgShell />}>
            <Route index element={<OrgHome />} />
            <Route path="portals/:portalId" element={<Workspace />} />
            <Route path="portals/:portalId/conversations/:workId" element={<WorkItem kind="conversations" />} />
            <Route path="portals/:portalId/leads/:workId" element={<WorkItem kind="leads" />} />
            <Route path="portals/:portalId/settings" element={<PortalSettings />} />
            <Route path="portals/:portalId/queue" element={<Queue />} />
            <Route path="portals" element={<Portals />} />
            <Route path="notifications" element={<Notifications />} />
            <Route path="members" element={<Members />} />
            <Route path="members/:userId/routing" element={<RoutingProfile />} />
            <Route path="roles" element={<Roles />} />
            <Route path="teams" element={<Teams />} />
            <Route path="clients" element={<Clients />} />
            <Route path="settings" element={<OrgSettings />} />
            <Route path="ownership-transfer" element={<OwnershipTransfer />} />
            <Route path="audit" element={<Audit />} />
            <Route path="*" element={<Navigate to="." replace />} />
          </Route>
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </SessionContext.Provider>
  );
}
