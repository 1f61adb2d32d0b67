import { describe, expect, it } from 'vitest';
import { type Catalog, groupPermissions, heldPermissions, notHeld, ordered, permissionLabel, toggle } from './permissions';

const CATALOG: Catalog = {
  permissions: ['org:read', 'members:read', 'members:invite', 'leads:read', 'leads:write', 'billing:manage'],
  builtInRoles: { OWNER: ['billing:manage', 'leads:read', 'leads:write', 'members:invite', 'members:read', 'org:read'], AGENT: ['leads:read', 'leads:write', 'org:read'] },
};

describe('permission catalogue', () => {
  it('names keys in words', () => {
    expect(permissionLabel('leads:write')).toBe('Leads: create and change');
    expect(permissionLabel('knowledge-base:read')).toBe('Knowledge base: see');
    expect(permissionLabel('future:fly')).toBe('future: fly');
    expect(permissionLabel('odd')).toBe('odd');
  });

  it('groups keys by area in catalogue order', () => {
    expect(groupPermissions(CATALOG.permissions)).toEqual([
      { area: 'org', label: 'Company', keys: ['org:read'] },
      { area: 'members', label: 'Members', keys: ['members:read', 'members:invite'] },
      { area: 'leads', label: 'Leads', keys: ['leads:read', 'leads:write'] },
      { area: 'billing', label: 'Billing', keys: ['billing:manage'] },
    ]);
  });

  it('knows what the caller holds, built-in or custom', () => {
    expect([...heldPermissions('AGENT', CATALOG, [])!]).toEqual(['leads:read', 'leads:write', 'org:read']);
    const custom = { id: 'r1', name: 'Scheduler', role: 'custom:r1', permissions: ['org:read'] };
    expect([...heldPermissions('custom:r1', CATALOG, [custom])!]).toEqual(['org:read']);
    expect(heldPermissions('custom:gone', CATALOG, [custom])).toBeUndefined();
  });

  it('finds the selected keys the caller cannot grant', () => {
    const held = heldPermissions('AGENT', CATALOG, []);
    expect(notHeld(['billing:manage', 'leads:read', 'members:read'], held, CATALOG.permissions)).toEqual(['members:read', 'billing:manage']);
    expect(notHeld(['billing:manage'], undefined, CATALOG.permissions)).toEqual([]);
  });

  it('toggles keys and areas, and orders the body', () => {
    let selected = toggle(new Set(), ['leads:read', 'leads:write'], true);
    selected = toggle(selected, ['org:read'], true);
    selected = toggle(selected, ['leads:write'], false);
    expect(ordered(selected, CATALOG.permissions)).toEqual(['org:read', 'leads:read']);
    expect(ordered(new Set(['zz:old', 'org:read']), CATALOG.permissions)).toEqual(['org:read', 'zz:old']);
  });
});
