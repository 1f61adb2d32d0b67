import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { get, put } from '../api';
import { onLive } from '../live';
import { useOrg, useSession } from '../session';
import { ErrorNote, Loading, formatTime, formatWait, useAction, useLoad } from '../ui/kit';

type Member = { userId: string; displayName: string; email: string; orgRole: string; portalRole: string; available: boolean; note?: string; availableSince?: string };
type Dashboard = {
  portalId: string;
  portalName: string;
  timezone: string;
  me: {
    leadsByStatus: { statusId: string; name: string; outcome: string; count: number }[];
    conversations: { channel: string; active: number; activeAllPortals: number; capacity: number }[];
    openLeads: number;
    handled: { conversationsToday: number; conversationsLast7Days: number; leadsToday: number; leadsLast7Days: number };
  };
  team: null | {
    members: { userId: string; displayName: string; portalRole: string; available: boolean; conversations: { channel: string; active: number; capacity: number }[]; openLeads: number }[];
    queue: { conversations: { length: number; oldestWaitSeconds?: number | null }; leads: { length: number; oldestWaitSeconds?: number | null } };
  };
};
type WorkPage<T> = { items: T[]; nextBefore?: string | null };
type Conversation = { id: string; externalId: string; channel: string; status: string; assigneeId?: string | null; customerName?: string | null; subject?: string | null; openedAt: string; queuePosition?: number | null };
type Lead = { id: string; statusName: string; contactName?: string | null; company?: string | null; source: string; assigneeId?: string | null; createdAt?: string; receivedAt?: string };

const CHANNEL_NAMES: Record<string, string> = { SMS: 'SMS', LIVE_CHAT: 'Live chat', FACEBOOK: 'Facebook', WHATSAPP: 'WhatsApp', EMAIL: 'Email', INSTAGRAM: 'Instagram' };
export const channelName = (c: string) => CHANNEL_NAMES[c] ?? c;

/** A portal's workspace: my stats, the team and its availability, the conversations and leads lists, the queue. */
export function Workspace() {
  const { portalId = '' } = useParams();
  const { orgId, isManager: orgManager } = useOrg();
  const { me } = useSession();
  const base = `/api/orgs/${orgId}/portals/${portalId}`;
  const dashboard = useLoad(() => get<Dashboard>(`${base}/dashboard`), [base]);
  const members = useLoad(() => get<Member[]>(`${base}/members`), [base]);
  const conversations = useLoad(() => get<WorkPage<Conversation>>(`${base}/conversations?limit=50`), [base]);
  const leads = useLoad(() => get<WorkPage<Lead>>(`${base}/leads?limit=50`).catch(() => ({ items: [] }) as WorkPage<Lead>), [base]);
  const [tab, setTab] = useState<'conversations' | 'leads' | 'team'>('conversations');

  useEffect(
    () =>
      onLive((m) => {
        if (m.kind === 'notification' && m.notification.portalId === portalId) {
          conversations.reload();
          leads.reload();
          dashboard.reload();
          members.reload();
        }
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [portalId],
  );

  if (dashboard.loading && !dashboard.data) return <Loading />;
  if (dashboard.error) return <ErrorNote error={dashboard.error} />;
  const d = dashboard.data!;
  const mine = members.data?.find((m) => m.userId === me.id);
  const managesPortal = orgManager && (mine?.portalRole === 'MANAGER' || !mine) ? true : mine?.portalRole === 'MANAGER';
  const names = new Map((members.data ?? []).map((m) => [m.userId, m.displayName || m.email]));

  return (
    <>
      <div className="title-row">
        <h1>{d.portalName}</h1>
        {mine && <AvailabilityToggle orgId={orgId} portalId={portalId} member={mine} self onChanged={() => { members.reload(); dashboard.reload(); }} />}
      </div>

      <section aria-labelledby="my-stats" className="stats">
        <h2 id="my-stats">My day</h2>
        <dl>
          {d.me.conversations.map((c) => (
            <div key={c.channel}>
              <dt>{channelName(c.channel)}</dt>
              <dd>
                {c.active} / {c.capacity}
              </dd>
            </div>
          ))}
          <div>
            <dt>Open leads</dt>
            <dd>{d.me.openLeads}</dd>
          </div>
          <div>
            <dt>Handled today</dt>
            <dd>{d.me.handled.conversationsToday + d.me.handled.leadsToday}</dd>
          </div>
          <div>
            <dt>Last 7 days</dt>
            <dd>{d.me.handled.conversationsLast7Days + d.me.handled.leadsLast7Days}</dd>
          </div>
        </dl>
        {d.team && (
          <p className="queue-line">
            Queue: {d.team.queue.conversations.length} conversations (oldest {formatWait(d.team.queue.conversations.oldestWaitSeconds)}),{' '}
            {d.team.queue.leads.length} leads
          </p>
        )}
      </section>

      <div className="tabs" role="tablist" aria-label="Work">
        {(['conversations', 'leads', 'team'] as const).map((t) => (
          <button key={t} role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`} onClick={() => setTab(t)}>
            {t === 'conversations' ? 'Conversations' : t === 'leads' ? 'Leads' : 'Team'}
          </button>
        ))}
      </div>

      {tab === 'conversations' && (
        <section role="tabpanel" id="panel-conversations" aria-labelledby="tab-conversations">
          <ErrorNote error={conversations.error} />
          {conversations.data && conversations.data.items.length === 0 && <p>No conversations yet.</p>}
          {conversations.data && conversations.data.items.length > 0 && (
            <ul className="work-list" data-testid="conversations">
              {conversations.data.items.map((c) => (
                <li key={c.id}>
                  <Link to={`conversations/${c.id}`}>{c.customerName || c.subject || c.externalId}</Link>
                  <span className={`status ${c.status.toLowerCase()}`}>{c.status === 'QUEUED' ? `Queued #${c.queuePosition ?? ''}` : c.status.toLowerCase()}</span>
                  <span>{channelName(c.channel)}</span>
                  <span>{c.assigneeId ? names.get(c.assigneeId) ?? 'assigned' : 'unassigned'}</span>
                  <time dateTime={c.openedAt}>{formatTime(c.openedAt)}</time>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {tab === 'leads' && (
        <section role="tabpanel" id="panel-leads" aria-labelledby="tab-leads">
          {leads.data && leads.data.items.length === 0 && <p>No leads yet.</p>}
          {leads.data && leads.data.items.length > 0 && (
            <ul className="work-list" data-testid="leads">
              {leads.data.items.map((l) => (
                <li key={l.id}>
                  <Link to={`leads/${l.id}`}>{l.contactName || l.company || l.source}</Link>
                  <span className="status">{l.statusName}</span>
                  <span>{l.assigneeId ? names.get(l.assigneeId) ?? 'assigned' : 'unassigned'}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {tab === 'team' && (
        <section role="tabpanel" id="panel-team" aria-labelledby="tab-team">
          <ErrorNote error={members.error} />
          <ul className="team">
            {(members.data ?? []).map((m) => (
              <li key={m.userId}>
                <span>
                  {m.displayName || m.email} {m.portalRole === 'MANAGER' && <small>(manager)</small>}
                </span>
                {managesPortal || m.userId === me.id ? (
                  <AvailabilityToggle orgId={orgId} portalId={portalId} member={m} self={m.userId === me.id} onChanged={members.reload} />
                ) : (
                  <span className={m.available ? 'dot on' : 'dot'}>{m.available ? 'Available' : 'Away'}</span>
                )}
              </li>
            ))}
          </ul>
          {managesPortal && (
            <p className="actions">
              <Link to="settings">Portal settings</Link>
              <Link to="queue">Queue</Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}

function AvailabilityToggle(props: { orgId: string; portalId: string; member: Member; self: boolean; onChanged: () => void }) {
  const { member } = props;
  const toggle = useAction(async () => {
    await put(`/api/orgs/${props.orgId}/portals/${props.portalId}/members/${member.userId}/availability`, { available: !member.available });
    props.onChanged();
  });
  const label = props.self ? 'I am available' : `${member.displayName || member.email} is available`;
  return (
    <span className="toggle">
      <label>
        <input type="checkbox" role="switch" checked={member.available} disabled={toggle.pending} onChange={() => void toggle.run()} />
        {label}
      </label>
      <ErrorNote error={toggle.error} />
    </span>
  );
}
