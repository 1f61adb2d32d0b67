/** This browser's device id: names its push subscription and is sent with sign-out. Not a secret. */
export function deviceId(): string {
  const key = 'switchboard.deviceId';
  let id = localStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(key, id);
  }
  return id;
}
