import { useEffect, useId, useState, type CSSProperties } from 'react';
import { ApiError } from '../api';
import { accessToken } from '../auth';

/**
 * Profile images (identity-service): always our own 256 × 256 PNG, fetched with the token (an <img src> cannot send
 * it): fetch → blob → object URL, revoked when no longer shown. No image (404) shows the person's initials.
 */

/** What the API accepts; checked here first so that a person hears about it before uploading. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 4096;

/** The image of a member of an org, as other members see it. */
export function memberAvatarPath(orgId: string, userId: string): string {
  return `/api/orgs/${encodeURIComponent(orgId)}/members/${encodeURIComponent(userId)}/avatar`;
}

export const MY_AVATAR_PATH = '/api/me/avatar';

// One request per image path for a while, however many places show it; forgotten after a change.
const cache = new Map<string, { at: number; image: Promise<Blob | null> }>();
const CACHE_MS = 5 * 60 * 1000;

/** Makes every <Avatar> showing {@code path} fetch it again (after it was uploaded or removed). */
export function forgetAvatar(path: string): void {
  cache.delete(path);
}

function loadImage(path: string): Promise<Blob | null> {
  const cached = cache.get(path);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.image;
  const image = (async () => {
    const token = await accessToken();
    // 'no-cache': revalidate with the ETag (304 is cheap) so that a change made a moment ago shows
    const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, cache: 'no-cache' });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`image ${response.status}`);
    return response.blob();
  })();
  cache.set(path, { at: Date.now(), image });
  image.catch(() => cache.delete(path));
  return image;
}

/** Sends the file as the image at {@code path} (PUT, the file as the body); throws ApiError as api.ts does. */
export async function uploadAvatar(path: string, file: File): Promise<void> {
  await send(path, { method: 'PUT', body: file, headers: { 'Content-Type': file.type } });
}

/** Removes the image at {@code path} (DELETE). */
export async function removeAvatar(path: string): Promise<void> {
  await send(path, { method: 'DELETE' });
}

async function send(path: string, init: { method: string; body?: Blob; headers?: Record<string, string> }): Promise<void> {
  const token = await accessToken();
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...init.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { method: init.method, headers, body: init.body });
  } catch {
    throw new ApiError(0, { title: 'No connection', detail: 'Switchboard could not be reached. Check your connection and try again.' });
  } finally {
    // the same person's image may be cached under their member paths too: fetch everything again
    cache.clear();
  }
  if (!response.ok) {
    const text = await response.text();
    let problem: Record<string, unknown> = { detail: text };
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') problem = parsed as Record<string, unknown>;
    } catch {
      // not JSON: keep the text
    }
    throw new ApiError(response.status, problem);
  }
}

/** Up to two initials of a name ("Dana Agent" → "DA"); "?" for none. */
export function initials(name: string | undefined): string {
  const words = (name ?? '').trim().split(/[\s@._-]+/).filter(Boolean);
  if (words.length === 0) return '?';
  const letters = words.length === 1 ? [...words[0]].slice(0, 1) : [[...words[0]][0], [...words[words.length - 1]][0]];
  return letters.join('').toUpperCase();
}

// dark enough for white text (contrast above 4.5:1)
const COLOURS = ['#1f5f8b', '#7a3e9d', '#2e6b30', '#a0401c', '#5d4037', '#37474f', '#00695c', '#ad1457'];

function colourOf(key: string): string {
  let hash = 0;
  for (const c of key) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return COLOURS[Math.abs(hash) % COLOURS.length];
}

function circle(size: number): CSSProperties {
  return {
    width: size,
    height: size,
    borderRadius: '50%',
    flex: 'none',
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    overflow: 'hidden',
    verticalAlign: 'middle',
  };
}

/** The blob URL of the image at {@code path} while mounted: undefined while loading, null when there is none. */
function useImageUrl(path: string | undefined, version?: unknown): string | null | undefined {
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!path) {
      setUrl(null);
      return;
    }
    let current = true;
    let objectUrl: string | undefined;
    setUrl(undefined);
    loadImage(path).then(
      (blob) => {
        if (!current) return;
        if (blob) {
          objectUrl = URL.createObjectURL(blob);
          setUrl(objectUrl);
        } else {
          setUrl(null);
        }
      },
      () => current && setUrl(null),
    );
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [path, version]);
  return url;
}

type AvatarProps = {
  /** With userId: that member's image in that org. */
  orgId?: string;
  userId?: string;
  /** Instead of orgId and userId: the image's API path, e.g. MY_AVATAR_PATH. */
  path?: string;
  /** The person's name: the image's text alternative and the initials. */
  name: string;
  /** Width and height in CSS pixels (default 32). */
  size?: number;
  /** Set when beside the name in text: the picture then adds nothing for a screen reader. */
  decorative?: boolean;
  /** Change it to fetch again (e.g. after an upload). */
  version?: unknown;
  /** Told whether there is an image, once known. */
  onPresence?: (present: boolean) => void;
};

/** A person's picture, or their initials when they have none. */
export function Avatar({ orgId, userId, path, name, size = 32, decorative, version, onPresence }: AvatarProps) {
  const source = path ?? (orgId && userId ? memberAvatarPath(orgId, userId) : undefined);
  const url = useImageUrl(source, version);
  useEffect(() => {
    if (url !== undefined) onPresence?.(url !== null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);
  const label = decorative ? undefined : name;
  if (url) {
    return <img src={url} alt={label ?? ''} width={size} height={size} style={{ ...circle(size), objectFit: 'cover' }} />;
  }
  return (
    <span
      role={decorative ? undefined : 'img'}
      aria-label={label}
      aria-hidden={decorative ? true : undefined}
      style={{
        ...circle(size),
        background: url === undefined ? '#d5dbe1' : colourOf(name || userId || ''),
        color: '#fff',
        fontWeight: 600,
        fontSize: Math.max(10, Math.round(size * 0.4)),
        lineHeight: 1,
        userSelect: 'none',
      }}
    >
      {url === undefined ? '' : initials(name)}
    </span>
  );
}

/** Why this file can't be a profile image, in plain words; undefined when it can. */
export function imageFileProblem(file: File): string | undefined {
  if (!IMAGE_TYPES.includes(file.type)) {
    return 'Choose a PNG, JPEG or WebP image.';
  }
  if (file.size > MAX_IMAGE_BYTES) {
    return `This image is ${(file.size / (1024 * 1024)).toFixed(1)} MB; choose one of at most 2 MB.`;
  }
  if (file.size === 0) {
    return 'This file is empty.';
  }
  return undefined;
}

/** The image's size in pixels, or undefined when the browser cannot read it. */
function dimensions(url: string): Promise<{ width: number; height: number } | undefined> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve({ width: image.naturalWidth, height: image.naturalHeight });
    image.onerror = () => resolve(undefined);
    image.src = url;
  });
}

type ImagePickerProps = {
  /** The file input's label. */
  label?: string;
  /** The accepted file (checked), or undefined when cleared or refused. */
  onChange: (file: File | undefined) => void;
  /** A refusal from the API to show under the field (e.g. ApiError.detail). */
  error?: string;
  disabled?: boolean;
  /** Preview size in CSS pixels (default 96). */
  size?: number;
};

/**
 * A file input for a profile image with a round preview of the chosen file, checked here for type (PNG, JPEG, WebP),
 * size (2 MB) and dimensions (4096 × 4096) with a plain message. The caller uploads the accepted file, e.g. with
 * {@link uploadAvatar}(`/api/orgs/${orgId}/users/${userId}/avatar`, file) once the user exists ("Add user").
 */
export function ImagePicker({ label = 'Profile image', onChange, error, disabled, size = 96 }: ImagePickerProps) {
  const id = useId();
  const [preview, setPreview] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [inputKey, setInputKey] = useState(0);

  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  const choose = async (file: File | undefined) => {
    setPreview(undefined);
    setProblem(undefined);
    if (!file) {
      onChange(undefined);
      return;
    }
    let refusal = imageFileProblem(file);
    const url = URL.createObjectURL(file);
    if (!refusal) {
      const size = await dimensions(url);
      if (!size) {
        refusal = 'This image could not be read; it may be damaged. Choose another.';
      } else if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
        refusal = `This image is ${size.width} × ${size.height} pixels; choose one of at most ${MAX_IMAGE_SIDE} × ${MAX_IMAGE_SIDE}.`;
      }
    }
    if (refusal) {
      URL.revokeObjectURL(url);
      setProblem(refusal);
      onChange(undefined);
      return;
    }
    setPreview(url);
    onChange(file);
  };

  const clear = () => {
    setInputKey((k) => k + 1);
    void choose(undefined);
  };

  const shown = problem ?? error;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={shown ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <div style={{ display: 'flex', alignItems: 'center', gap: '0.75rem', flexWrap: 'wrap' }}>
        {preview && (
          <img src={preview} alt="Preview of the chosen image" width={size} height={size} style={{ ...circle(size), objectFit: 'cover' }} />
        )}
        <input
          key={inputKey}
          id={id}
          type="file"
          accept={IMAGE_TYPES.join(',')}
          disabled={disabled}
          aria-describedby={[hintId, shown ? errorId : ''].filter(Boolean).join(' ')}
          aria-invalid={shown ? true : undefined}
          onChange={(e) => void choose(e.target.files?.[0])}
          style={{ minWidth: 0, flex: '1 1 12rem' }}
        />
        {preview && (
          <button type="button" className="link" onClick={clear} disabled={disabled}>
            Clear
          </button>
        )}
      </div>
      <small id={hintId} className="hint">
        PNG, JPEG or WebP, at most 2 MB. It is cropped to a square from the centre.
      </small>
      {shown && (
        <small id={errorId} className="field-error" role="alert">
          {shown}
        </small>
      )}
    </div>
  );
}
