import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api';
import { useSession } from '../session';
import { Avatar, ImagePicker, MY_AVATAR_PATH, removeAvatar, uploadAvatar } from '../ui/Avatar';
import { ErrorNote, useAction } from '../ui/kit';

/**
 * My profile: who I am (GET /api/me, loaded at sign-in) and my profile image (GET|PUT|DELETE /api/me/avatar). The
 * image is shown to the members of my organizations beside my name.
 */
export default function Profile() {
  const { me, orgs } = useSession();
  const [file, setFile] = useState<File>();
  const [pickerRound, setPickerRound] = useState(0);
  const [version, setVersion] = useState(0);
  const [hasImage, setHasImage] = useState<boolean>();
  const [saved, setSaved] = useState<string>();

  const save = useAction(async () => {
    if (!file) return;
    setSaved(undefined);
    await uploadAvatar(MY_AVATAR_PATH, file);
    setFile(undefined);
    setPickerRound((r) => r + 1);
    setVersion((v) => v + 1);
    setSaved('Your profile image is saved.');
  });

  const remove = useAction(async () => {
    if (!window.confirm('Remove your profile image? Your initials are shown instead.')) return;
    setSaved(undefined);
    await removeAvatar(MY_AVATAR_PATH);
    setVersion((v) => v + 1);
    setSaved('Your profile image is removed.');
  });

  // a refusal of the file itself is shown under the file field; anything else (no connection, 5xx) as a note
  const fileRefusal = save.error instanceof ApiError && [400, 413, 415].includes(save.error.status) ? save.error.detail || save.error.title : undefined;
  const backTo = orgs.length === 1 ? `/orgs/${orgs[0].orgId}` : '/';

  return (
    <main className="page narrow">
      <h1>My profile</h1>

      <section aria-labelledby="profile-account">
        <h2 id="profile-account">Account</h2>
        <div style={{ display: 'flex', alignItems: 'center', gap: '1rem', flexWrap: 'wrap' }}>
          <Avatar path={MY_AVATAR_PATH} name={me.name || me.email} size={72} version={version} decorative onPresence={setHasImage} />
          <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '0.25rem 0.75rem', minWidth: 0 }}>
            <dt style={{ color: 'var(--muted)' }}>Name</dt>
            <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{me.name || '—'}</dd>
            <dt style={{ color: 'var(--muted)' }}>Email</dt>
            <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{me.email}</dd>
          </dl>
        </div>
      </section>

      <section aria-labelledby="profile-image">
        <h2 id="profile-image">Profile image</h2>
        <p className="hint">
          {hasImage === undefined
            ? 'Checking for your image…'
            : hasImage
              ? 'Members of your organizations see this image beside your name.'
              : 'You have no image yet: your initials are shown beside your name.'}
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          <ImagePicker
            key={pickerRound}
            label={hasImage ? 'Choose a new image' : 'Choose an image'}
            onChange={(f) => {
              setFile(f);
              setSaved(undefined);
              save.clear();
            }}
            error={fileRefusal}
            disabled={save.pending || remove.pending}
          />
          {!fileRefusal && <ErrorNote error={save.error} />}
          <div className="actions">
            <button className="primary" disabled={!file || save.pending || remove.pending}>
              {save.pending ? 'Saving…' : 'Save image'}
            </button>
            {hasImage && (
              <button type="button" className="danger" disabled={save.pending || remove.pending} onClick={() => void remove.run()}>
                {remove.pending ? 'Removing…' : 'Remove image'}
              </button>
            )}
          </div>
        </form>
        <ErrorNote error={remove.error} />
        <p role="status" aria-live="polite">
          {saved}
        </p>
      </section>

      <p>
        <Link to={backTo}>Back</Link>
      </p>
    </main>
  );
}
