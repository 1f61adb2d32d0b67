/** Where the browser signs in; served by the gateway from its own issuer setting (GET /app-config.json). */
export type AppConfig = { keycloakUrl: string; realm: string; clientId: string };

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/app-config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`The app's settings could not be loaded (${response.status}).`);
  }
  return response.json();
}
