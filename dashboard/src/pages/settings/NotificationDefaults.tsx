import { get, put } from '../../api';
import { ErrorNote, Loading, useAction, useLoad } from '../../ui/kit';

type Preferences = { orgId: string; portalId?: string | null; push: boolean; inApp: boolean; source: 'PORTAL' | 'ORG' | 'DEFAULT' };

/**
 * My notification defaults for this org (`GET|PUT /api/me/notification-preferences?orgId=`): push and in-app.
 * A portal's own setting (in that portal's settings) wins over them.
 */
export function NotificationDefaults({ orgId }: { orgId: string }) {
  const path = `/api/me/notification-preferences?orgId=${encodeURIComponent(orgId)}`;
  const prefs = useLoad(() => get<Preferences>(path), [path]);
  const change = useAction(async (next: { push: boolean; inApp: boolean }) => {
    await put<Preferences>(path, next);
    prefs.reload();
  });

  return (
    <section className="st-section" aria-labelledby="notification-defaults-title">
      <h2 id="notification-defaults-title">My notifications in this company</h2>
      {prefs.loading && !prefs.data && <Loading what="Loading your notification settings" />}
      <ErrorNote error={prefs.error} />
      {prefs.data && (
        <>
          <p className="hint">
            Your default for every portal of this company. A portal can have its own setting, which wins. Manage the toggle anytime under Portal →
            Settings → Notifications.
          </p>
          <div className="st-switch">
            <input
              id="pref-inapp"
              type="checkbox"
              role="switch"
              checked={prefs.data.inApp}
              disabled={change.pending}
              aria-describedby="pref-inapp-hint"
              onChange={(e) => void change.run({ push: prefs.data!.push, inApp: e.target.checked })}
            />
            <div>
              <label htmlFor="pref-inapp">In the app (the bell)</label>
              <br />
              <small id="pref-inapp-hint" className="hint">
                {prefs.data.inApp ? 'On' : 'Off'}: new assignments, replies and changes to your role appear under the bell.
              </small>
            </div>
          </div>
          <div className="st-switch">
            <input
              id="pref-push"
              type="checkbox"
              role="switch"
              checked={prefs.data.push}
              disabled={change.pending}
              aria-describedby="pref-push-hint"
              onChange={(e) => void change.run({ push: e.target.checked, inApp: prefs.data!.inApp })}
            />
            <div>
              <label htmlFor="pref-push">Push notifications on my devices</label>
              <br />
              <small id="pref-push-hint" className="hint">
                {prefs.data.push ? 'On' : 'Off'}: sent to every device where you enabled notifications, even with Switchboard closed.
              </small>
            </div>
          </div>
          <p className="hint" role="status">
            {prefs.data.source === 'DEFAULT'
              ? 'You have not changed these yet: both are on.'
              : !prefs.data.push && !prefs.data.inApp
                ? 'Both are off: you get no notifications from this company, except in portals with their own setting.'
                : 'Saved as your default for this company.'}
          </p>
          <ErrorNote error={change.error} />
        </>
      )}
    </section>
  );
}
