import { useEffect, useMemo, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, get, post } from '../api';
import { onLive } from '../live';
import { useOrg } from '../session';
import { ErrorNote, Loading, formatWait, useLoad } from '../ui/kit';
import { channelName } from './Workspace';
import { AssignForm } from './work/AssignForm';
import { groupQueues, itemPath, memberName, queueKind } from './work/helpers';
import type { Client, Portal, PortalMember, QueueItem, QueueRow, Team } from './work/types';
import './work/work.css';

const REFRESH_MS = 15_000;

/**
 * A portal's queue for its managers, owners and admins (and viewers, read-only): what waits, grouped by team,
 * channel and client, with positions, waiting times and estimates; assign an item from here. Reloads on this
 * portal's notifications and every 15 s.
 */
export default function Queue() {
  const { portalId = '' } = useParams();
  const { orgId, role, isAdmin } = useOrg();
  const queue = useLoad(
    () => get<QueueRow[]>(`/api/orgs/${orgId}/routing/queue?portalId=${portalId}`).then((rows) => ({ rows, at: new Date() })),
    [orgId, portalId],
  );
  const portal = useLoad(() => get<Portal>(`/api/orgs/${orgId}/portals/${portalId}`).catch(() => undefined), [orgId, portalId]);
  const teams = useLoad(() => get<Team[]>(`/api/orgs/${orgId}/teams?portalId=${portalId}`).catch(() => [] as Team[]), [orgId, portalId]);
  const clients = useLoad(() => get<Client[]>(`/api/orgs/${orgId}/clients`).catch(() => [] as Client[]), [orgId]);
  const members = useLoad(() => get<PortalMember[]>(`/api/orgs/${orgId}/portals/${portalId}/members`), [orgId, portalId]);

  const refused = queue.error instanceof ApiError && (queue.error.status === 404 || queue.error.status === 403);
  const refusedRef = useRef(refused);
  refusedRef.current = refused;

  useEffect(() => {
    // no polling for someone the queue is not for
    const timer = window.setInterval(() => !refusedRef.current && queue.reload(), REFRESH_MS);
    const off = onLive((m) => {
      if (refusedRef.current) return;
      if ((m.kind === 'notification' && m.notification.portalId === portalId) || m.kind === 'connected') {
        queue.reload();
        members.reload();
      }
    });
    return () => {
      window.clearInterval(timer);
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orgId, portalId]);

  const groups = useMemo(
    () =>
      groupQueues(
        queue.data?.rows ?? [],
        new Map((teams.data ?? []).map((t) => [t.id, t.name])),
        new Map((clients.data ?? []).map((c) => [c.id, c.name])),
        channelName,
      ),
    [queue.data, teams.data, clients.data],
  );
  const names = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, memberName(m)])), [members.data]);
  const canAssign = role !== 'VIEWER';
  const total = groups.reduce((sum, g) => sum + g.length, 0);
  const workspace = `/orgs/${orgId}/portals/${portalId}`;

  const header = (
    <>
      <p className="back">
        <Link to={workspace}>← {portal.data?.name ?? 'Back to the workspace'}</Link>
      </p>
      <div className="title-row">
        <h1>Queue{portal.data ? ` · ${portal.data.name}` : ''}</h1>
        {!refused && (
          <button onClick={() => queue.reload()} disabled={queue.loading}>
            {queue.loading && queue.data ? 'Refreshing…' : 'Refresh'}
          </button>
        )}
      </div>
    </>
  );

  if (queue.loading && !queue.data) {
    return (
      <div className="queue-page">
        {header}
        <Loading what="Loading the queue" />
      </div>
    );
  }
  if (queue.error && !queue.data) {
    return (
      <div className="queue-page">
        {header}
        {refused ? (
          <p role="alert">The queue is for this portal's managers, and for owners, admins and viewers of the company.</p>
        ) : (
          <ErrorNote error={queue.error} />
        )}
      </div>
    );
  }

  return (
    <div className="queue-page">
      {header}
      <p className="queue-summary">
        {total === 0 ? 'Nothing is waiting.' : `${total} waiting.`}
        {queue.data && <> Updated {queue.data.at.toLocaleTimeString()}; it refreshes on its own.</>}
      </p>
      {queue.error != null && <ErrorNote error={queue.error} />}
      {canAssign && members.error != null && <ErrorNote error={members.error} />}
      {groups.map((group) => (
        <section key={group.teamId ?? 'portal'} className="queue-team" aria-labelledby={`team-${group.teamId ?? 'portal'}`}>
          <h2 id={`team-${group.teamId ?? 'portal'}`}>{group.teamName}</h2>
          <p className="hint">
            {group.length} waiting · oldest {formatWait(group.oldestWaitSeconds)}
          </p>
          {group.rows.map((row) => (
            <div key={`${row.channel}-${row.clientId}`} className="queue-row">
              <h3>
                {row.channelLabel} · {row.clientName}
              </h3>
              <p>
                {row.length} waiting · oldest wait {formatWait(row.oldestWaitSeconds)}
              </p>
              <ol className="queue-items">
                {row.items.map((item) => (
                  <QueueEntry
                    key={item.id}
                    item={item}
                    channel={row.channel}
                    orgId={orgId}
                    portalId={portalId}
                    members={members.data ?? []}
                    names={names}
                    canAssign={canAssign}
                    canForce={isAdmin}
                    onAssigned={() => queue.reload()}
                  />
                ))}
              </ol>
              {row.items.length < row.length && <p className="hint">Showing the first {row.items.length} of {row.length}.</p>}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

function QueueEntry(props: {
  item: QueueItem;
  channel: string;
  orgId: string;
  portalId: string;
  members: readonly PortalMember[];
  names: ReadonlyMap<string, string>;
  canAssign: boolean;
  canForce: boolean;
  onAssigned: () => void;
}) {
  const { item } = props;
  const kind = queueKind(props.channel);
  return (
    <li>
      <span className="position">
        <span className="visually-hidden">Position </span>#{item.position}
      </span>
      <Link className="item-link" to={itemPath(props.orgId, props.portalId, kind, item.id)}>
        {item.externalId}
      </Link>
      <span className="waits">
        <span>Waiting {formatWait(item.waitingSeconds)}</span>
        <span>Estimated wait {item.estimatedWaitSeconds == null ? 'unknown' : formatWait(item.estimatedWaitSeconds)}</span>
      </span>
      {props.canAssign && (
        <AssignForm
          members={props.members}
          names={props.names}
          canForce={props.canForce}
          what={`${kind === 'leads' ? 'lead' : 'conversation'} ${item.externalId}`}
          onAssign={async (userId, force) => {
            try {
              await post(`/api/orgs/${props.orgId}/${kind}/${item.id}/assign`, force ? { userId, force: true } : { userId });
            } catch (e) {
              if (!(e instanceof ApiError && e.status === 404)) throw e;
              props.onAssigned();
              throw new ApiError(409, {
                title: 'No longer waiting',
                detail: 'It was taken or closed in the meantime (or it is not yours to see). The queue was loaded again.',
              });
            }
            props.onAssigned();
          }}
        />
      )}
    </li>
  );
}
