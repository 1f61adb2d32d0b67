import { describe, expect, it } from 'vitest';
import { streamUrl } from './live';

describe('streamUrl', () => {
  it('names the org, as the API requires', () => {
    expect(streamUrl('6f1c2a9e-0000-4000-8000-000000000001')).toBe('/api/me/notifications/stream?orgId=6f1c2a9e-0000-4000-8000-000000000001');
  });
  it('encodes what it is given', () => {
    expect(streamUrl('a&b')).toBe('/api/me/notifications/stream?orgId=a%26b');
  });
});
