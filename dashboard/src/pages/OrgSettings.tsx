import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { get, patch } from '../api';
import { useOrg, useSession } from '../session';
import { ErrorNote, Field, Loading, formatTime, useAction, useLoad } from '../ui/kit';
import { LeadStatusesSection } from './settings/LeadStatusesSection';
import { NotificationDefaults } from './settings/NotificationDefaults';
import { type Details, detailsOf, detailsPatch, friendlyFieldError, type Organization, planName, seatSummary, timeZones } from './settings/org';
import './settings/settings.css';

/**
 * Org settings (every member; editing by role): the company's name, time zone and contact (OWNER/ADMIN), plan
 * and seats, whether managers may invite managers (OWNER/ADMIN), lead statuses (admins edit), and my own
 * notification defaults for this org.
 */
export default function OrgSettings() {
  const { orgId, org: summary, isAdmin } = useOrg();
  const org = useLoad(() => get<Organization>(`/api/orgs/${orgId}`), [orgId]);

  return (
    <>
      <h1>Settings</h1>
      {org.loading && !org.data && <Loading what="Loading the company" />}
      <ErrorNote error={org.error} />
      {org.data && (
        <>
          <section className="st-section" aria-labelledby="company-title">
            <h2 id="company-title">Company</h2>
            {isAdmin ? (
              <CompanyForm org={org.data} onSaved={org.reload} />
            ) : (
              <dl className="st-facts">
                <dt>Name</dt>
                <dd>{org.data.name}</dd>
                <dt>Time zone</dt>
                <dd>{org.data.timezone || 'UTC'}</dd>
                <dt>Created</dt>
                <dd>{formatTime(org.data.createdAt)}</dd>
              </dl>
            )}
          </section>
          <PlanSection org={org.data} isAdmin={isAdmin} />
          <InvitingSection org={org.data} isAdmin={isAdmin} onSaved={org.reload} />
        </>
      )}
      <LeadStatusesSection orgId={orgId} canEdit={isAdmin} />
      <NotificationDefaults orgId={orgId} />
      {summary?.primaryOwner && (
        <section className="st-section" aria-labelledby="ownership-title">
          <h2 id="ownership-title">Primary ownership</h2>
          <p>You are the primary owner of this company.</p>
          <Link to={`/orgs/${orgId}/ownership-transfer`}>Transfer primary ownership</Link>
        </section>
      )}
    </>
  );
}

function CompanyForm({ org, onSaved }: { org: Organization; onSaved: () => void }) {
  const { reloadOrgs } = useSession();
  const before = detailsOf(org);
  const [details, setDetails] = useState<Details>(before);
  const [saved, setSaved] = useState(false);

  useEffect(() => setDetails(detailsOf(org)), [org]);

  const save = useAction(async () => {
    const body = detailsPatch(before, details, true);
    if (Object.keys(body).length === 0) return;
    await patch<Organization>(`/api/orgs/${org.id}`, body);
    setSaved(true);
    if (body.name) reloadOrgs();
    onSaved();
  });
  const set = (key: keyof Details) => (e: { target: { value: string } }) => {
    setDetails((d) => ({ ...d, [key]: e.target.value }));
    setSaved(false);
  };
  const zones = timeZones(details.timezone);
  const changed = Object.keys(detailsPatch(before, details, true)).length > 0;
  const shownFields = ['name', 'timezone', 'phone', 'billingEmail'];
  const otherFieldErrors = Object.keys(save.fields).some((f) => !shownFields.includes(f));

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <Field label="Company name" error={friendlyFieldError('name', save.fields.name)}>
        {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={details.name} onChange={set('name')} required maxLength={120} />}
      </Field>
      <Field label="Time zone" error={friendlyFieldError('timezone', save.fields.timezone)} hint="Dashboards count “today” and “this week” in this time zone.">
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy} value={details.timezone} onChange={set('timezone')}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Company phone (optional)" error={friendlyFieldError('phone', save.fields.phone)} hint="Digits, spaces and + ( ) -, 4 to 32 characters.">
        {(id, describedBy) => <input id={id} aria-describedby={describedBy} type="tel" value={details.phone} onChange={set('phone')} autoComplete="tel" />}
      </Field>
      <Field label="Billing email (optional)" error={friendlyFieldError('billingEmail', save.fields.billingEmail)}>
        {(id, describedBy) => (
          <input id={id} aria-describedby={describedBy} type="email" value={details.billingEmail} onChange={set('billingEmail')} autoComplete="email" />
        )}
      </Field>
      {(Object.keys(save.fields).length === 0 || otherFieldErrors) && <ErrorNote error={save.error} />}
      {saved && !changed && (
        <p className="st-saved" role="status">
          Saved.
        </p>
      )}
      <div className="actions">
        <button className="primary" disabled={save.pending || !changed}>
          {save.pending ? 'Saving…' : 'Save company details'}
        </button>
      </div>
    </form>
  );
}

function PlanSection({ org, isAdmin }: { org: Organization; isAdmin: boolean }) {
  const seats = seatSummary(org.seatsTaken, org.seatLimit);
  return (
    <section className="st-section" aria-labelledby="plan-title">
      <h2 id="plan-title">Plan and seats</h2>
      <dl className="st-facts">
        <dt>Plan</dt>
        <dd>{planName(org.plan)}</dd>
        <dt>Seats</dt>
        <dd>
          {org.seatsTaken} used / {org.seatLimit} {org.seatLimit === 1 ? 'seat' : 'seats'}
        </dd>
      </dl>
      <meter className="st-meter" min={0} max={Math.max(org.seatLimit, 1)} value={Math.min(org.seatsTaken, org.seatLimit)} aria-label={seats.text} />
      <p className={seats.full ? 'st-seats full' : 'st-seats'}>
        {seats.text}
        {seats.full && ' (all taken)'}
      </p>
      <p className="hint">Every active member but viewers and the primary owner takes a seat, and so does a pending invitation of one.</p>
      <p>
        <strong>Need more seats? Contact support or upgrade your plan.</strong>
      </p>
      {!isAdmin && <p className="hint">Owners and admins manage members and invitations.</p>}
    </section>
  );
}

function InvitingSection({ org, isAdmin, onSaved }: { org: Organization; isAdmin: boolean; onSaved: () => void }) {
  const toggle = useAction(async (on: boolean) => {
    await patch<Organization>(`/api/orgs/${org.id}`, { managersMayInviteManagers: on });
    onSaved();
  });
  return (
    <section className="st-section" aria-labelledby="inviting-title">
      <h2 id="inviting-title">Inviting</h2>
      {isAdmin ? (
        <div className="st-switch">
          <input
            id="managers-invite-managers"
            type="checkbox"
            role="switch"
            checked={org.managersMayInviteManagers}
            disabled={toggle.pending}
            aria-describedby="managers-invite-managers-hint"
            onChange={(e) => void toggle.run(e.target.checked)}
          />
          <div>
            <label htmlFor="managers-invite-managers">Managers may invite managers</label>
            <br />
            <small id="managers-invite-managers-hint" className="hint">
              {org.managersMayInviteManagers ? 'On' : 'Off'}: managers invite agents and viewers{org.managersMayInviteManagers ? ', and managers too' : ' only'}. Admins
              and owners are never theirs to give.
            </small>
          </div>
        </div>
      ) : (
        <p>Managers may {org.managersMayInviteManagers ? '' : 'not '}invite other managers in this company.</p>
      )}
      <ErrorNote error={toggle.error} />
    </section>
  );
}
