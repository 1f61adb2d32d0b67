import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, get, patch, post } from '../api';
import { onLive } from '../live';
import { useOrg, useSession } from '../session';
import { ErrorNote, Field, Loading, formatTime, useAction, useLoad } from '../ui/kit';
import { channelName } from './Workspace';
import { AssignForm, named } from './work/AssignForm';
import { allowedStatusesMessage, closingStatusQuestion, isAboutItem, itemPath, memberName } from './work/helpers';
import { Notes } from './work/Notes';
import type { Client, Conversation, Kind, Lead, LeadStatus, OrgMember, Portal, PortalMember } from './work/types';
import './work/work.css';

type Context = {
  orgId: string;
  kind: Kind;
  itemApi: string;
  names: ReadonlyMap<string, string>;
  members: readonly PortalMember[];
  clientName: string;
  /** OWNER/ADMIN, or this portal's MANAGER: sees the whole portal and assigns (the API decides in the end). */
  managesPortal: boolean;
  viewer: boolean;
  isAdmin: boolean;
  meId: string;
  reload: () => void;
};

/**
 * One conversation or lead, opened from a list or straight from a notification's link: its details, what the
 * caller may do with it (close, assign, unassign, lead status), its notes, kept live by the notification stream.
 */
export default function WorkItem({ kind }: { kind: Kind }) {
  const { portalId = '', workId = '' } = useParams();
  const { orgId, role, isAdmin } = useOrg();
  const { me } = useSession();
  const navigate = useNavigate();
  const [round, setRound] = useState(0);
  const reload = () => setRound((r) => r + 1);
  const itemApi = `/api/orgs/${orgId}/${kind}/${workId}`;
  const item = useLoad(() => get<Conversation | Lead>(itemApi), [itemApi, round]);
  const itemPortalId = item.data?.portalId ?? portalId;
  const portalApi = `/api/orgs/${orgId}/portals/${itemPortalId}`;
  const portal = useLoad(() => get<Portal>(portalApi).catch(() => undefined), [portalApi]);
  const members = useLoad(() => get<PortalMember[]>(`${portalApi}/members`), [portalApi, round]);
  const orgMembers = useLoad(() => get<OrgMember[]>(`/api/orgs/${orgId}/members`).catch(() => [] as OrgMember[]), [orgId]);
  const clients = useLoad(() => get<Client[]>(`/api/orgs/${orgId}/clients`).catch(() => [] as Client[]), [orgId]);

  // a link can name another portal than the item's now (a lead of an archived portal moves to the default one)
  useEffect(() => {
    if (item.data && item.data.portalId !== portalId) navigate(itemPath(orgId, item.data.portalId, kind, workId), { replace: true });
  }, [item.data, portalId, orgId, kind, workId, navigate]);

  useEffect(
    () =>
      onLive((m) => {
        if ((m.kind === 'notification' && isAboutItem(m.notification, kind, workId)) || m.kind === 'connected') reload();
      }),
    [kind, workId],
  );

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const m of orgMembers.data ?? []) map.set(m.userId, memberName(m));
    for (const m of members.data ?? []) map.set(m.userId, memberName(m));
    map.set(me.id, `${map.get(me.id) ?? (me.name || me.email)} (me)`);
    return map;
  }, [orgMembers.data, members.data, me]);

  const noun = kind === 'conversations' ? 'conversation' : 'lead';
  const back = (
    <p className="back">
      <Link to={`/orgs/${orgId}/portals/${itemPortalId}`}>← {portal.data?.name ?? 'Back to the workspace'}</Link>
    </p>
  );

  if (item.loading && !item.data) {
    return (
      <>
        {back}
        <Loading what={`Loading the ${noun}`} />
      </>
    );
  }
  if (item.error && !item.data) {
    const gone = item.error instanceof ApiError && item.error.status === 404;
    return (
      <>
        {back}
        <h1>{gone ? `This ${noun} is not available` : `The ${noun} could not be loaded`}</h1>
        {gone ? (
          <p>It does not exist, or it is no longer yours to see: it may have been assigned to someone else.</p>
        ) : (
          <ErrorNote error={item.error} />
        )}
      </>
    );
  }

  const viewer = role === 'VIEWER';
  const ctx: Context = {
    orgId,
    kind,
    itemApi,
    names,
    members: members.data ?? [],
    clientName: clients.data?.find((c) => c.id === item.data!.clientId)?.name ?? '',
    managesPortal: isAdmin || portal.data?.myPortalRole === 'MANAGER',
    viewer,
    isAdmin,
    meId: me.id,
    reload,
  };

  return (
    <div className="work-item">
      {back}
      {item.error != null && <ErrorNote error={item.error} />}
      {kind === 'conversations' ? <ConversationView c={item.data as Conversation} ctx={ctx} /> : <LeadView lead={item.data as Lead} ctx={ctx} />}
      {members.error != null && ctx.managesPortal && <ErrorNote error={members.error} />}
      <Notes
        itemApi={itemApi}
        round={round}
        names={names}
        canWrite={!viewer && (ctx.managesPortal || item.data!.assigneeId === me.id)}
      />
    </div>
  );
}

function Details({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="details">
      {rows
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function time(at?: string | null) {
  return at ? <time dateTime={at}>{formatTime(at)}</time> : null;
}

function stateText(state: string, position?: number | null): string {
  if (state === 'QUEUED') return position ? `Waiting in the queue, position ${position}` : 'Waiting in the queue';
  return state === 'ASSIGNED' ? 'Assigned' : 'Closed';
}

function assigneeText(ctx: Context, assigneeId?: string | null): string {
  if (!assigneeId) return 'Nobody';
  return ctx.names.get(assigneeId) ?? 'Someone no longer in this portal';
}

function ConversationView({ c, ctx }: { c: Conversation; ctx: Context }) {
  const open = c.status !== 'CLOSED';
  const mine = c.assigneeId === ctx.meId;
  const canClose = open && !ctx.viewer && (mine || ctx.managesPortal);
  const canAssign = open && !ctx.viewer && ctx.managesPortal;
  return (
    <>
      <div className="title-row">
        <h1>{c.customerName || c.subject || c.externalId}</h1>
        <span className={`status ${c.status.toLowerCase()}`}>{stateText(c.status, c.queuePosition)}</span>
      </div>
      <Details
        rows={[
          ['Customer', c.customerName],
          ['Subject', c.subject],
          ['Channel', channelName(c.channel)],
          ['Client', ctx.clientName],
          ['Queue position', c.queuePosition],
          ['Assigned to', assigneeText(ctx, c.assigneeId)],
          ['Opened', time(c.openedAt)],
          ['Assigned', time(c.assignedAt)],
          ['Last reply', time(c.lastReplyAt)],
          ['Closed', time(c.closedAt)],
          ['Reference', c.externalId],
        ]}
      />
      {(canClose || canAssign) && (
        <section aria-labelledby="actions-heading" className="work-actions">
          <h2 id="actions-heading">Actions</h2>
          {canClose && <CloseButton ctx={ctx} mine={mine} />}
          {canAssign && <AssignSection ctx={ctx} assigneeId={c.assigneeId} assigned={c.status === 'ASSIGNED'} />}
        </section>
      )}
    </>
  );
}

function CloseButton({ ctx, mine }: { ctx: Context; mine: boolean }) {
  const close = useAction(async () => {
    await post(`${ctx.itemApi}/close`);
    ctx.reload();
  });
  return (
    <div className="close-action">
      <button
        className="danger"
        disabled={close.pending}
        onClick={() => {
          const question = mine
            ? 'Close this conversation? It leaves your list of open work and frees your capacity.'
            : 'Close this conversation? It is done for everyone, and its assignee gets the capacity back.';
          if (window.confirm(question)) void close.run();
        }}
      >
        {close.pending ? 'Closing…' : 'Close conversation'}
      </button>
      <ErrorNote error={named(close.error, ctx.names)} />
    </div>
  );
}

function AssignSection({ ctx, assigneeId, assigned }: { ctx: Context; assigneeId?: string | null; assigned: boolean }) {
  const what = ctx.kind === 'conversations' ? 'this conversation' : 'this lead';
  const unassign = useAction(async () => {
    await post(`${ctx.itemApi}/unassign`);
    ctx.reload();
  });
  return (
    <div className="assign-section">
      <AssignForm
        members={ctx.members}
        names={ctx.names}
        canForce={ctx.isAdmin}
        currentAssigneeId={assigneeId}
        label={assigned ? 'Reassign to' : 'Assign to'}
        what={what}
        onAssign={async (userId, force) => {
          await post(`${ctx.itemApi}/assign`, force ? { userId, force: true } : { userId });
          ctx.reload();
        }}
      />
      {assigned && (
        <div className="unassign">
          <button
            disabled={unassign.pending}
            onClick={() => {
              const who = assigneeText(ctx, assigneeId);
              if (window.confirm(`Take ${what} back from ${who}? It is routed again at once to someone else, or waits in the queue.`)) {
                void unassign.run();
              }
            }}
          >
            {unassign.pending ? 'Unassigning…' : 'Unassign'}
          </button>
          <ErrorNote error={named(unassign.error, ctx.names)} />
        </div>
      )}
    </div>
  );
}

function LeadView({ lead, ctx }: { lead: Lead; ctx: Context }) {
  const open = lead.state !== 'CLOSED';
  const mine = lead.assigneeId === ctx.meId;
  const canAssign = open && !ctx.viewer && ctx.managesPortal;
  const canChangeStatus = open && !ctx.viewer && (mine || ctx.managesPortal);
  const title = lead.contactName || lead.company || lead.contactEmail || lead.contactPhone || lead.externalId;
  return (
    <>
      <div className="title-row">
        <h1>{title}</h1>
        <span className={`status ${lead.state.toLowerCase()}`}>{lead.statusName ?? lead.statusId}</span>
      </div>
      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">Contact</h2>
        <Details
          rows={[
            ['Name', lead.contactName],
            ['Email', lead.contactEmail && <a href={`mailto:${lead.contactEmail}`}>{lead.contactEmail}</a>],
            ['Phone', lead.contactPhone && <a href={`tel:${lead.contactPhone}`}>{lead.contactPhone}</a>],
            ['Company', lead.company],
          ]}
        />
        {lead.message && (
          <>
            <h3>Message</h3>
            <p className="lead-message">{lead.message}</p>
          </>
        )}
      </section>
      <section aria-labelledby="lead-heading">
        <h2 id="lead-heading">Lead</h2>
        <Details
          rows={[
            ['Status', lead.statusName ?? lead.statusId],
            ['State', stateText(lead.state, lead.queuePosition)],
            ['Queue position', lead.queuePosition],
            ['Source', lead.source],
            ['Client', ctx.clientName],
            ['Assigned to', assigneeText(ctx, lead.assigneeId)],
            ['Received', time(lead.openedAt)],
            ['Assigned', time(lead.assignedAt)],
            ['Closed', time(lead.closedAt)],
            ['Reference', lead.externalId],
          ]}
        />
      </section>
      {(canChangeStatus || canAssign) && (
        <section aria-labelledby="actions-heading" className="work-actions">
          <h2 id="actions-heading">Actions</h2>
          {canChangeStatus && <StatusForm lead={lead} ctx={ctx} />}
          {canAssign && <AssignSection ctx={ctx} assigneeId={lead.assigneeId} assigned={lead.state === 'ASSIGNED'} />}
        </section>
      )}
      {!open && <p className="hint">This lead is closed: its status no longer changes.</p>}
      {lead.history && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">Status history</h2>
          {lead.history.length === 0 ? (
            <p>No status changes yet.</p>
          ) : (
            <ol className="history">
              {lead.history.map((h, i) => (
                <li key={`${h.changedAt}-${i}`}>
                  {time(h.changedAt)}{' '}
                  <span>
                    {h.fromStatusId ? `${h.fromStatusName ?? h.fromStatusId} → ` : ''}
                    <strong>{h.toStatusName ?? `${h.toStatusId} (removed)`}</strong>
                  </span>
                  {h.changedBy && <span> by {ctx.names.get(h.changedBy) ?? 'someone'}</span>}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </>
  );
}

function StatusForm({ lead, ctx }: { lead: Lead; ctx: Context }) {
  const [round, setRound] = useState(0);
  const statuses = useLoad(() => get<{ statuses: LeadStatus[] }>(`/api/orgs/${ctx.orgId}/lead-statuses`), [ctx.orgId, round]);
  const [statusId, setStatusId] = useState(lead.statusId);
  useEffect(() => setStatusId(lead.statusId), [lead.statusId]);
  const change = useAction(async (id: string) => {
    await patch(`${ctx.itemApi}`, { statusId: id });
    ctx.reload();
  });
  const list = statuses.data?.statuses ?? [];
  const error = change.error;
  const allowed = error instanceof ApiError ? allowedStatusesMessage(error.problem, list) : undefined;
  const fieldError = allowed ?? change.fields.statusId;
  // an unknown status: the org's list changed since it was loaded, so load it again
  useEffect(() => {
    if (allowed) setRound((r) => r + 1);
  }, [allowed]);

  if (statuses.loading && !statuses.data) return <Loading what="Loading lead statuses" />;
  if (statuses.error) return <ErrorNote error={statuses.error} />;
  return (
    <form
      className="status-form"
      onSubmit={(e) => {
        e.preventDefault();
        const question = closingStatusQuestion(list.find((s) => s.id === statusId));
        if (question && !window.confirm(question)) return;
        void change.run(statusId);
      }}
    >
      <Field label="Lead status" error={fieldError}>
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            aria-invalid={!!fieldError}
            value={statusId}
            onChange={(e) => {
              setStatusId(e.target.value);
              change.clear();
            }}
          >
            {!list.some((s) => s.id === lead.statusId) && <option value={lead.statusId}>{lead.statusName ?? lead.statusId}</option>}
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.outcome === 'WON' ? ' (won, closes the lead)' : s.outcome === 'LOST' ? ' (lost, closes the lead)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={change.pending || statusId === lead.statusId}>
          {change.pending ? 'Saving…' : 'Change status'}
        </button>
      </div>
      {!fieldError && <ErrorNote error={named(error, ctx.names)} />}
    </form>
  );
}
