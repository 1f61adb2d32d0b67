import { describe, expect, it } from 'vitest';
import { detailsOf, friendlyFieldError, detailsPatch, type Organization, planName, seatSummary, timeZones } from './org';

const ORG: Organization = {
  id: 'o', name: 'Acme', plan: 'FREE_TRIAL', seatLimit: 1, seatsTaken: 1, timezone: null, phone: null, billingEmail: 'pay@acme.test',
  primaryOwnerId: 'u', managersMayInviteManagers: false, createdAt: '2026-01-01T00:00:00Z',
};

describe('org settings', () => {
  it('names plans and seats', () => {
    expect(planName('FREE_TRIAL')).toBe('Free Trial');
    expect(planName('PLATINUM_PLUS')).toBe('Platinum plus');
    expect(seatSummary(1, 1)).toEqual({ text: '1 of 1 agent seat used', full: true });
    expect(seatSummary(2, 5)).toEqual({ text: '2 of 5 agent seats used', full: false });
  });

  it('patches only what changed', () => {
    const before = detailsOf(ORG);
    expect(before).toEqual({ name: 'Acme', timezone: 'UTC', phone: '', billingEmail: 'pay@acme.test' });
    expect(detailsPatch(before, before, true)).toEqual({});
    expect(detailsPatch(before, { ...before, name: ' Acme Inc ', timezone: 'Europe/Berlin' }, true)).toEqual({ name: 'Acme Inc', timezone: 'Europe/Berlin' });
    expect(detailsPatch(before, { ...before, phone: '+49 30 1234' }, false)).toEqual({});
    expect(detailsPatch(before, { ...before, phone: '+49 30 1234' }, true)).toEqual({ phone: '+49 30 1234' });
  });

  it('lists time zones, keeping the current one', () => {
    expect(timeZones('UTC', () => ['Europe/Berlin'])).toEqual(['UTC', 'Europe/Berlin']);
    expect(timeZones('Mars/Base', () => ['UTC'])).toEqual(['Mars/Base', 'UTC']);
    expect(timeZones('UTC').length).toBeGreaterThan(0);
  });

  it('words field errors for people', () => {
    expect(friendlyFieldError('phone', 'must match "\\+?[0-9 ()-]{4,32}"')).toMatch(/digits/);
    expect(friendlyFieldError('billingEmail', 'must be a well-formed email address')).toMatch(/email address/);
    expect(friendlyFieldError('name', 'size must be between 1 and 120')).toMatch(/1 to 120/);
    expect(friendlyFieldError('timezone', 'is unknown')).toBe('is unknown');
    expect(friendlyFieldError('phone', undefined)).toBeUndefined();
  });
});
