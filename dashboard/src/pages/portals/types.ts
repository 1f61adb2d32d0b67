/** The shapes the portal, routing and notification APIs answer with (docs/api.md), as the admin screens use them. */

export type Portal = {
  id: string;
  name: string;
  description?: string | null;
  accentColor?: string | null;
  isDefault: boolean;
  archived: boolean;
  archivedAt?: string | null;
  createdAt: string;
  memberCount: number;
  availableCount: number;
  myPortalRole?: 'EMPLOYEE' | 'MANAGER' | null;
};

export type PortalOverviewRow = {
  portalId: string;
  name: string;
  isDefault: boolean;
  members: number;
  availableNow: number;
  activeConversations: number;
  openLeads: number;
  activeWork: number;
  queuedConversations: number;
  queuedLeads: number;
  queueLength: number;
  leadsWonThisWeek: number;
};

export type PortalOverview = { timezone: string; weekStartsAt?: string; portals: PortalOverviewRow[] };

export type PortalRole = 'EMPLOYEE' | 'MANAGER';

export type PortalMember = {
  userId: string;
  displayName?: string | null;
  email?: string | null;
  orgRole: string;
  portalRole: PortalRole;
  available: boolean;
  note?: string | null;
  availableSince?: string | null;
};

export type OrgMember = {
  userId: string;
  email: string;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  role: string;
  status: 'ACTIVE' | 'DEACTIVATED' | 'REMOVED' | string;
  portals?: { portalId: string; portalRole: PortalRole }[];
};

export type Strategy = 'ROUND_ROBIN' | 'LOAD_BALANCED' | 'MANUAL';

export type PortalRouting = {
  portalId: string;
  isDefault: boolean;
  archived: boolean;
  strategy: Strategy;
  rerouteAwayAfterMinutes: number | null;
  leadsCapacityBound: boolean;
};

export type NotificationPreferences = { orgId: string; portalId?: string | null; push: boolean; inApp: boolean; source: 'PORTAL' | 'ORG' | 'DEFAULT' };

export type Team = { id: string; portalId: string; name: string; strategy: Strategy; memberIds: string[]; createdAt: string };

export type Client = { id: string; name: string; createdAt: string };

export const CHANNELS = ['SMS', 'LIVE_CHAT', 'FACEBOOK', 'WHATSAPP', 'EMAIL', 'INSTAGRAM'] as const;
export type Channel = (typeof CHANNELS)[number];

export type RoutingProfile = {
  userId: string;
  channels: Record<string, number>;
  clients: Record<string, string[]>;
  openCounts: Record<string, number>;
  leadCapacity: number | null;
  openLeads: number;
};
