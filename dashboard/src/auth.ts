import Keycloak from 'keycloak-js';
import type { AppConfig } from './config';

/**
 * Sign-in with Keycloak: authorization code + PKCE with the public `dashboard` client. Tokens live in this
 * module's memory only (keycloak-js keeps them in memory; nothing is written to localStorage but the
 * short-lived login state keycloak-js needs across the redirect). A reload signs in again from Keycloak's
 * session cookie (check-sso: a redirect to Keycloak with prompt=none and straight back, no password asked).
 */
let keycloak: Keycloak | undefined;

let wasSignedIn = false;

/**
 * @param checkSso whether to ask Keycloak for an existing session first (a redirect with prompt=none). Not on an
 *                 invitation link: the redirect would hand the link's token to Keycloak in redirect_uri.
 */
export async function initAuth(config: AppConfig, checkSso = true): Promise<void> {
  keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
  keycloak.onTokenExpired = () => {
    keycloak?.updateToken(30).catch(() => undefined);
  };
  // the session ended or expired (idle too long, signed out elsewhere): sign in again rather than show errors
  keycloak.onAuthRefreshError = () => sessionLost();
  keycloak.onAuthLogout = () => sessionLost();
  await keycloak.init({
    onLoad: checkSso ? 'check-sso' : undefined,
    pkceMethod: 'S256',
    checkLoginIframe: false,
  });
  wasSignedIn = !!keycloak.authenticated;
  if (wasSignedIn) sessionStorage.removeItem(LOST_KEY);
}

const LOST_KEY = 'switchboard.signInAttempts';

/**
 * The tokens stopped working: back to Keycloak's sign-in, coming back here. At most three times in a row per tab,
 * so a Keycloak that keeps refusing shows the error instead of bouncing forever.
 */
export function sessionLost(): void {
  if (!wasSignedIn || window.location.pathname === '/signed-out') return;
  const attempts = Number(sessionStorage.getItem(LOST_KEY) ?? '0');
  if (attempts >= 3) return;
  sessionStorage.setItem(LOST_KEY, String(attempts + 1));
  void signIn();
}

export function isSignedIn(): boolean {
  return !!keycloak?.authenticated;
}

/** A fresh access token (refreshed when it has under 30 s left), or undefined when not signed in. */
export async function accessToken(): Promise<string | undefined> {
  if (!keycloak?.authenticated) {
    return undefined;
  }
  try {
    await keycloak.updateToken(30);
  } catch {
    return undefined;
  }
  return keycloak.token;
}

export function signIn(returnTo: string = window.location.href): Promise<void> {
  if (!keycloak) throw new Error('auth not started');
  return keycloak.login({ redirectUri: returnTo });
}

export function signUpOrSignIn(returnTo: string, loginHint?: string): Promise<void> {
  if (!keycloak) throw new Error('auth not started');
  return keycloak.login({ redirectUri: returnTo, loginHint });
}

/** Forgets the tokens in this tab; the session itself was ended by POST /api/me/sign-out. */
export function forgetTokens(): void {
  wasSignedIn = false; // clearToken() calls onAuthLogout: a deliberate sign-out is no lost session to sign in again from
  keycloak?.clearToken();
}

export type Me = { id: string; email: string; name: string };

export function tokenClaims(): { sub?: string; email?: string; name?: string } {
  return (keycloak?.tokenParsed as { sub?: string; email?: string; name?: string }) ?? {};
}

/**
 * Asks Keycloak for the password again (prompt=login) and comes back to {@code returnTo}: the new token's
 * auth_time is fresh, as ownership transfer and org deletion require (at most 5 minutes old).
 */
export function reauthenticate(returnTo: string = window.location.href): Promise<void> {
  if (!keycloak) throw new Error('auth not started');
  return keycloak.login({ redirectUri: returnTo, prompt: 'login' });
}

/** Seconds since the person last typed their password, from the token's auth_time (undefined without one). */
export function secondsSinceSignIn(): number | undefined {
  const authTime = (keycloak?.tokenParsed as { auth_time?: number } | undefined)?.auth_time;
  return authTime === undefined ? undefined : Math.floor(Date.now() / 1000) - authTime;
}
