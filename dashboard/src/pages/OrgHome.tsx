import { Link, Navigate } from 'react-router';
import { get } from '../api';
import { useOrg } from '../session';
import { ErrorNote, Loading, useLoad } from '../ui/kit';

export type Portal = {
  id: string;
  name: string;
  description?: string;
  accentColor?: string;
  isDefault: boolean;
  archived: boolean;
  memberCount: number;
  availableCount: number;
  myPortalRole?: string | null;
};

type Overview = {
  timezone: string;
  portals: {
    portalId: string;
    name: string;
    isDefault: boolean;
    members: number;
    availableNow: number;
    activeConversations: number;
    openLeads: number;
    queueLength: number;
    leadsWonThisWeek: number;
  }[];
};

/** An org's first screen: the admin overview of every portal, or the portals a member works in. */
export function OrgHome() {
  const { orgId, org, isAdmin, role } = useOrg();
  const overviewAllowed = isAdmin || role === 'VIEWER';
  const portals = useLoad(() => get<Portal[]>(`/api/orgs/${orgId}/portals`), [orgId]);
  const overview = useLoad(() => (overviewAllowed ? get<Overview>(`/api/orgs/${orgId}/portals/overview`) : Promise.resolve(undefined)), [orgId, overviewAllowed]);

  if (portals.loading) return <Loading />;
  if (portals.error) return <ErrorNote error={portals.error} />;
  const mine = portals.data!.filter((p) => !p.archived);
  if (!overviewAllowed && mine.length === 1) return <Navigate to={`portals/${mine[0].id}`} replace />;

  return (
    <>
      <h1>{org?.name}</h1>
      {overviewAllowed && overview.data ? (
        <section aria-labelledby="overview-title">
          <h2 id="overview-title">Portals this week</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Portal</th>
                  <th scope="col">Members</th>
                  <th scope="col">Available now</th>
                  <th scope="col">Active conversations</th>
                  <th scope="col">Open leads</th>
                  <th scope="col">Queue</th>
                  <th scope="col">Leads won this week</th>
                </tr>
              </thead>
              <tbody>
                {overview.data.portals.map((p) => (
                  <tr key={p.portalId}>
                    <th scope="row">
                      <Link to={`portals/${p.portalId}`}>{p.name}</Link>
                    </th>
                    <td>{p.members}</td>
                    <td>{p.availableNow}</td>
                    <td>{p.activeConversations}</td>
                    <td>{p.openLeads}</td>
                    <td>{p.queueLength}</td>
                    <td>{p.leadsWonThisWeek}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <section aria-labelledby="portals-title">
          <h2 id="portals-title">My portals</h2>
          {mine.length === 0 ? (
            <p>You are not in any portal yet. An admin or manager adds you to one.</p>
          ) : (
            <ul className="cards">
              {mine.map((p) => (
                <li key={p.id}>
                  <Link to={`portals/${p.id}`}>{p.name}</Link>
                  <span>
                    {p.availableCount} of {p.memberCount} available
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <ErrorNote error={overview.error} />
    </>
  );
}
