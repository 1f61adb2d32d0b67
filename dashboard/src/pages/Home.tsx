import { Navigate } from 'react-router';
import { useSession } from '../session';

/** The first org of the person (their last choice when they have several), or making one. */
export function Home() {
  const { orgs } = useSession();
  const active = orgs.filter((o) => o.status !== 'DEACTIVATED');
  if (active.length === 0) return <Navigate to="/orgs/new" replace />;
  const last = localStorage.getItem('switchboard.lastOrg');
  const org = active.find((o) => o.orgId === last) ?? active[0];
  return <Navigate to={`/orgs/${org.orgId}`} replace />;
}
