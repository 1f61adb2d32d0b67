import { createContext, useContext } from 'react';
import { useParams } from 'react-router';

export type OrgSummary = { orgId: string; name: string; role: string; status: string; primaryOwner: boolean };
export type Me = { id: string; email: string; name: string };

/** Who is signed in and their orgs; set once the app has signed in. */
export type Session = { me: Me; orgs: OrgSummary[]; reloadOrgs: () => void };
export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('not signed in');
  return session;
}

/** The org of the current route and the caller's role in it. */
export function useOrg(): { orgId: string; org?: OrgSummary; role: string; isAdmin: boolean; isManager: boolean } {
  const { orgId = '' } = useParams();
  const { orgs } = useSession();
  const org = orgs.find((o) => o.orgId === orgId);
  const role = org?.role ?? '';
  const isAdmin = role === 'OWNER' || role === 'ADMIN';
  return { orgId, org, role, isAdmin, isManager: isAdmin || role === 'MANAGER' };
}
