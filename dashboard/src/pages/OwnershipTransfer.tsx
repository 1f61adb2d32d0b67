import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, del, get, post } from '../api';
import { reauthenticate, secondsSinceSignIn } from '../auth';
import { useOrg, useSession } from '../session';
import { ErrorNote, Field, Loading, formatTime, useAction, useLoad } from '../ui/kit';
import { roleName } from './OrgShell';
import { clearDraft, needsReauthentication, peekDraft, saveDraft, timeLeft, type Transfer, type TransferDraft } from './settings/ownership';
import './settings/settings.css';

type Member = { userId: string; email: string; displayName?: string | null; role: string; status: string };

/**
 * Primary ownership transfer (`/api/orgs/{orgId}/ownership-transfer`): the primary owner offers it to a member
 * (POST {toUserId, stepDown}, with a sign-in at most 5 minutes old: the password is asked again), sees the
 * pending offer and may cancel it (DELETE); the member it is offered to accepts it (POST .../accept).
 * Notifications of an offer link here.
 */
export default function OwnershipTransfer() {
  const { orgId, org, role } = useOrg();
  const { me, reloadOrgs } = useSession();
  const [done, setDone] = useState('');
  const transfer = useLoad(
    () =>
      get<Transfer>(`/api/orgs/${orgId}/ownership-transfer`).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    [orgId],
  );
  const members = useLoad(() => get<Member[]>(`/api/orgs/${orgId}/members`).catch(() => [] as Member[]), [orgId]);
  const byId = new Map((members.data ?? []).map((m) => [m.userId, m]));
  const nameOf = (userId: string) => {
    if (userId === me.id) return 'you';
    const m = byId.get(userId);
    return m ? m.displayName || m.email : 'a member';
  };

  const cancel = useAction(async () => {
    await del(`/api/orgs/${orgId}/ownership-transfer`);
    setDone('The offer was cancelled.');
    transfer.reload();
  });
  const accept = useAction(async () => {
    await post<Transfer>(`/api/orgs/${orgId}/ownership-transfer/accept`);
    setDone(`You are now the primary owner of ${org?.name ?? 'this company'}.`);
    reloadOrgs();
    transfer.reload();
  });

  const isPrimary = !!org?.primaryOwner;
  // the API keeps answering an offer past its expiry until a new one replaces it: that one is over
  const expired = transfer.data && Date.parse(transfer.data.expiresAt) <= Date.now() ? transfer.data : undefined;
  const pending = expired ? null : transfer.data;

  return (
    <>
      <h1>Primary ownership</h1>
      {done && (
        <p className="st-saved" role="status">
          {done}
        </p>
      )}
      {transfer.loading && transfer.data === undefined && <Loading what="Loading the ownership transfer" />}
      <ErrorNote error={transfer.error} />

      {pending && pending.toUserId === me.id && (
        <section className="st-section st-offer" aria-labelledby="offer-title">
          <h2 id="offer-title">You are offered primary ownership</h2>
          <p>
            {nameOf(pending.fromUserId)} asks you to become the primary owner of <strong>{org?.name}</strong>. You would become an owner with every
            permission, including billing and deleting the company. {nameOf(pending.fromUserId)} would{' '}
            {pending.stepDown ? 'step down to admin' : 'stay an owner beside you'}.
          </p>
          <p>
            Offered {formatTime(pending.createdAt)}; it expires {formatTime(pending.expiresAt)} ({timeLeft(pending.expiresAt)} left).
          </p>
          {accept.error instanceof ApiError && accept.error.kind === 'transfer-expired' ? (
            <div className="error" role="alert">
              <strong>This offer has expired.</strong>
              <p>Ask the primary owner to offer it again.</p>
            </div>
          ) : (
            <ErrorNote error={accept.error} />
          )}
          <div className="actions">
            <button
              className="primary"
              disabled={accept.pending}
              onClick={() => {
                if (window.confirm(`Become the primary owner of ${org?.name ?? 'this company'}?`)) void accept.run();
              }}
            >
              {accept.pending ? 'Accepting…' : 'Accept and become primary owner'}
            </button>
          </div>
        </section>
      )}

      {pending && pending.toUserId !== me.id && (
        <section className="st-section st-offer" aria-labelledby="pending-title">
          <h2 id="pending-title">Offer waiting for an answer</h2>
          <p>
            Primary ownership is offered to <strong>{nameOf(pending.toUserId)}</strong>
            {byId.get(pending.toUserId) ? ` (${byId.get(pending.toUserId)!.email})` : ''}. They were sent an email and a notification, and must
            accept it in Switchboard.
          </p>
          <p>
            Offered {formatTime(pending.createdAt)}; it expires {formatTime(pending.expiresAt)} ({timeLeft(pending.expiresAt)} left). When they accept,{' '}
            {pending.fromUserId === me.id ? `you ${pending.stepDown ? 'step down to admin' : 'stay an owner'}` : `${nameOf(pending.fromUserId)} ${pending.stepDown ? 'steps down to admin' : 'stays an owner'}`}.
          </p>
          <ErrorNote error={cancel.error} />
          <div className="actions">
            <button
              className="danger"
              disabled={cancel.pending}
              onClick={() => {
                if (window.confirm(`Cancel the offer to ${nameOf(pending.toUserId)}?`)) void cancel.run();
              }}
            >
              {cancel.pending ? 'Cancelling…' : 'Cancel the offer'}
            </button>
          </div>
        </section>
      )}

      {expired && (
        <section className="st-section" aria-labelledby="expired-title">
          <h2 id="expired-title">The last offer expired</h2>
          <p>
            The offer to {nameOf(expired.toUserId)} expired {formatTime(expired.expiresAt)} without an answer. Nothing changed.
            {isPrimary ? ' You can make a new offer below.' : expired.toUserId === me.id ? ' Ask the primary owner to offer it again.' : ''}
          </p>
        </section>
      )}

      {pending === null && isPrimary && (
        <OfferForm orgId={orgId} orgName={org?.name ?? ''} myId={me.id} members={members.data} loadingMembers={members.loading} onOffered={() => {
          setDone('The offer was sent. It waits for their answer for 7 days.');
          transfer.reload();
        }} />
      )}

      {pending === null && !isPrimary && !expired && !done && (
        <section className="st-section" aria-labelledby="none-title">
          <h2 id="none-title">No offer for you</h2>
          <p>
            There is no pending ownership offer for you in {org?.name ?? 'this company'}.{' '}
            {role === 'OWNER' ? 'Only the primary owner can offer primary ownership.' : 'The primary owner can offer it to a member.'}
          </p>
          <Link to={`/orgs/${orgId}`}>Back to {org?.name ?? 'the company'}</Link>
        </section>
      )}
    </>
  );
}

function OfferForm(props: { orgId: string; orgName: string; myId: string; members?: Member[]; loadingMembers: boolean; onOffered: () => void }) {
  // what was chosen before the password check comes back once, after it
  const [restored] = useState<TransferDraft | undefined>(() => peekDraft(sessionStorage, props.orgId));
  useEffect(() => clearDraft(sessionStorage, props.orgId), [props.orgId]);
  const [toUserId, setToUserId] = useState(restored?.toUserId ?? '');
  const [stepDown, setStepDown] = useState(restored?.stepDown ?? false);
  const [leaving, setLeaving] = useState(false);
  const candidates = (props.members ?? []).filter((m) => m.userId !== props.myId && m.status === 'ACTIVE');
  const target = candidates.find((m) => m.userId === toUserId);

  const askPassword = () => {
    saveDraft(sessionStorage, props.orgId, { toUserId, stepDown });
    setLeaving(true);
    void reauthenticate(window.location.href);
  };

  const offer = useAction(async () => {
    // back from the password check without a sign-in time in the token: let the API decide rather than loop
    const stale = needsReauthentication(secondsSinceSignIn()) && !(restored && secondsSinceSignIn() === undefined);
    if (stale) {
      askPassword();
      return;
    }
    try {
      await post<Transfer>(`/api/orgs/${props.orgId}/ownership-transfer`, { toUserId, stepDown });
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'reauthentication-required') {
        askPassword();
        return;
      }
      throw e;
    }
    props.onOffered();
  });

  return (
    <section className="st-section" aria-labelledby="offer-form-title">
      <h2 id="offer-form-title">Transfer primary ownership</h2>
      <p>
        You are the primary owner of <strong>{props.orgName}</strong>. Offer primary ownership to another member: they get an email and must accept it
        within 7 days. Until then nothing changes, and you can cancel the offer.
      </p>
      {restored && (
        <p className="banner" role="status">
          {needsReauthentication(secondsSinceSignIn()) ? 'Check the offer below and send it again.' : 'Password confirmed. Check the offer below and send it.'}
        </p>
      )}
      {leaving ? (
        <Loading what="Taking you to confirm your password" />
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!toUserId) return;
            if (window.confirm(`Offer primary ownership of ${props.orgName} to ${target ? target.displayName || target.email : 'this member'}?`)) void offer.run();
          }}
        >
          <Field label="New primary owner" error={offer.fields.toUserId}>
            {(id, describedBy) => (
              <select id={id} aria-describedby={describedBy} value={toUserId} onChange={(e) => setToUserId(e.target.value)} required>
                <option value="">{props.loadingMembers ? 'Loading members…' : 'Choose a member…'}</option>
                {candidates.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.displayName ? `${m.displayName} (${m.email})` : m.email} – {roleName(m.role)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {!props.loadingMembers && candidates.length === 0 && <p className="hint">There is no other active member to offer it to yet.</p>}
          <div className="st-switch">
            <input id="step-down" type="checkbox" checked={stepDown} onChange={(e) => setStepDown(e.target.checked)} aria-describedby="step-down-hint" />
            <div>
              <label htmlFor="step-down">Step down to admin when they accept</label>
              <br />
              <small id="step-down-hint" className="hint">
                {stepDown ? 'You will become an admin: no billing, ownership or deleting the company.' : 'You will stay an owner (co-owner).'}
              </small>
            </div>
          </div>
          <p className="hint">For your security, Switchboard asks for your password again before sending the offer when you signed in more than a few minutes ago.</p>
          {!offer.fields.toUserId && <ErrorNote error={offer.error} />}
          <div className="actions">
            <button className="primary" disabled={offer.pending || !toUserId}>
              {offer.pending ? 'Sending…' : 'Offer primary ownership'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
