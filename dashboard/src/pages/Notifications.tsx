import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { get, post } from '../api';
import { onLive, type Notification } from '../live';
import { useOrg } from '../session';
import { ErrorNote, Loading, formatTime, useAction, useLoad } from '../ui/kit';

/** The bell's list for this org: newest first, unread marked, live. */
export default function Notifications() {
  const { orgId } = useOrg();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useLoad(
    () => get<{ items: Notification[]; nextBefore?: string }>(`/api/me/notifications?orgId=${orgId}&limit=50${unreadOnly ? '&unread=true' : ''}`),
    [orgId, unreadOnly],
  );
  useEffect(() => onLive((m) => m.kind === 'notification' && m.notification.orgId === orgId && list.reload()), [orgId]); // eslint-disable-line react-hooks/exhaustive-deps
  const markAll = useAction(async () => {
    await post(`/api/me/notifications/read-all?orgId=${orgId}`);
    list.reload();
  });
  const markOne = useAction(async (id: string) => {
    await post(`/api/me/notifications/${id}/read`);
    list.reload();
  });
  return (
    <>
      <div className="title-row">
        <h1>Notifications</h1>
        <label>
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Unread only
        </label>
        <button onClick={() => void markAll.run()} disabled={markAll.pending}>
          Mark all read
        </button>
      </div>
      <ErrorNote error={list.error ?? markAll.error ?? markOne.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <p>Nothing here yet.</p>}
      <ul className="notifications" data-testid="notifications">
        {list.data?.items.map((n) => (
          <li key={n.id} className={n.read ? 'read' : 'unread'}>
            <Link to={n.url} onClick={() => !n.read && void markOne.run(n.id)}>
              <strong>{n.title}</strong>
            </Link>
            <p>{n.body}</p>
            <time dateTime={n.createdAt}>{formatTime(n.createdAt)}</time>
            {!n.read && (
              <button className="link" onClick={() => void markOne.run(n.id)}>
                Mark read
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
