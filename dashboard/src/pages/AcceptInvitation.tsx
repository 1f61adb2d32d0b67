import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, post } from '../api';
import { isSignedIn, signIn, tokenClaims } from '../auth';
import { ErrorNote, Field, Loading, formatTime, useAction, useLoad } from '../ui/kit';

type Invitation = {
  orgName: string;
  email: string;
  role: string;
  expiresAt: string;
  accountExists: boolean;
  firstName?: string;
  lastName?: string;
  phone?: string;
};

const ROLE_NAMES: Record<string, string> = {
  OWNER: 'an owner',
  ADMIN: 'an admin',
  MANAGER: 'a manager',
  AGENT: 'an agent',
  VIEWER: 'a viewer',
};

const PENDING_INVITATION = 'switchboard.pendingInvitation';

function signInToAccept(token: string) {
  sessionStorage.setItem(PENDING_INVITATION, token);
  void signIn(`${window.location.origin}/invite/resume`);
}

/** The page an invitation mail links to. Public: the token in the path is the only key. */
export function AcceptInvitation() {
  const { token: fromPath = '' } = useParams();
  // back from signing in: the token waited in this tab's sessionStorage, never in a URL Keycloak saw
  const token = fromPath === 'resume' ? sessionStorage.getItem(PENDING_INVITATION) ?? '' : fromPath;
  const invitation = useLoad(() => post<Invitation>('/api/invitations/lookup', { token }), [token]); // the body form keeps the token out of URLs and logs
  const [accepted, setAccepted] = useState<{ orgId: string }>();

  if (invitation.loading) return <Loading what="Opening your invitation" />;
  if (invitation.error) {
    const gone = !token || invitation.error instanceof ApiError && (invitation.error.status === 410 || invitation.error.status === 404);
    return (
      <main className="page narrow">
        <h1>{gone ? 'This invitation link no longer works' : 'Invitation'}</h1>
        {gone ? (
          <p>
            It was used already, revoked, replaced by a newer invitation, or it expired. Ask the person who invited you to send a new
            one.
          </p>
        ) : (
          <ErrorNote error={invitation.error} />
        )}
      </main>
    );
  }
  const inv = invitation.data!;
  if (accepted) {
    return (
      <main className="page narrow">
        <h1>Welcome to {inv.orgName}</h1>
        <p>You joined as {ROLE_NAMES[inv.role] ?? 'a member'}.</p>
        {isSignedIn() ? (
          <Link className="button primary" to={`/orgs/${accepted.orgId}`}>
            Open {inv.orgName}
          </Link>
        ) : (
          <button className="primary" onClick={() => void signIn(`${window.location.origin}/orgs/${accepted.orgId}`)}>
            Sign in to {inv.orgName}
          </button>
        )}
      </main>
    );
  }
  return (
    <main className="page narrow">
      <h1>Join {inv.orgName} on Switchboard</h1>
      <p>
        You are invited as <strong>{ROLE_NAMES[inv.role] ?? 'a member'}</strong> with the address <strong>{inv.email}</strong>. The
        invitation expires {formatTime(inv.expiresAt)}.
      </p>
      {inv.accountExists ? <ExistingAccount token={token} invitation={inv} onAccepted={setAccepted} /> : <NewAccount token={token} invitation={inv} onAccepted={setAccepted} />}
    </main>
  );
}

function NewAccount({ token, invitation, onAccepted }: { token: string; invitation: Invitation; onAccepted: (r: { orgId: string }) => void }) {
  const [firstName, setFirstName] = useState(invitation.firstName ?? '');
  const [lastName, setLastName] = useState(invitation.lastName ?? '');
  const [password, setPassword] = useState('');
  const accept = useAction(async () => onAccepted(await post<{ orgId: string }>('/api/invitations/accept', { token, firstName, lastName, password })));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void accept.run();
      }}
    >
      <h2>Create your account</h2>
      <Field label="First name" error={accept.fields.firstName ?? accept.fields.fullName}>
        {(id, d) => <input id={id} aria-describedby={d} value={firstName} onChange={(e) => setFirstName(e.target.value)} required autoComplete="given-name" />}
      </Field>
      <Field label="Last name" error={accept.fields.lastName}>
        {(id, d) => <input id={id} aria-describedby={d} value={lastName} onChange={(e) => setLastName(e.target.value)} required autoComplete="family-name" />}
      </Field>
      <Field label="Password" error={accept.fields.password} hint="At least 8 characters.">
        {(id, d) => (
          <input id={id} aria-describedby={d} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} autoComplete="new-password" />
        )}
      </Field>
      {Object.keys(accept.fields).length === 0 && <ErrorNote error={accept.error} />}
      <button className="primary" disabled={accept.pending}>
        {accept.pending ? 'Joining…' : `Join ${invitation.orgName}`}
      </button>
    </form>
  );
}

function ExistingAccount({ token, invitation, onAccepted }: { token: string; invitation: Invitation; onAccepted: (r: { orgId: string }) => void }) {
  const accept = useAction(async () => {
    const accepted = await post<{ orgId: string }>('/api/invitations/accept', { token });
    sessionStorage.removeItem(PENDING_INVITATION);
    onAccepted(accepted);
  });
  if (!isSignedIn()) {
    return (
      <>
        <p>You already have a Switchboard account. Sign in with {invitation.email} to accept.</p>
        <button className="primary" onClick={() => signInToAccept(token)}>
          Sign in to accept
        </button>
      </>
    );
  }
  const signedInAs = tokenClaims().email;
  return (
    <>
      {signedInAs && signedInAs.toLowerCase() !== invitation.email.toLowerCase() && (
        <p className="warning">
          You are signed in as {signedInAs}, but this invitation is for {invitation.email}. Sign in with that address to accept it.
        </p>
      )}
      <ErrorNote error={accept.error} />
      <button className="primary" disabled={accept.pending} onClick={() => void accept.run()}>
        {accept.pending ? 'Joining…' : `Accept and join ${invitation.orgName}`}
      </button>
    </>
  );
}
