/** The shapes the routing and portal APIs answer with (docs/api.md), as the work screens use them. */

export type Kind = 'conversations' | 'leads';

export type Conversation = {
  id: string;
  externalId: string;
  portalId: string;
  teamId?: string | null;
  clientId: string;
  channel: string;
  status: 'QUEUED' | 'ASSIGNED' | 'CLOSED';
  assigneeId?: string | null;
  customerName?: string | null;
  subject?: string | null;
  openedAt: string;
  assignedAt?: string | null;
  closedAt?: string | null;
  lastReplyAt?: string | null;
  queuePosition?: number | null;
};

export type LeadHistoryEntry = {
  fromStatusId?: string | null;
  fromStatusName?: string | null;
  toStatusId: string;
  toStatusName?: string | null;
  changedBy?: string | null;
  changedAt: string;
};

export type Lead = {
  id: string;
  externalId: string;
  portalId: string;
  teamId?: string | null;
  clientId: string;
  source: string;
  statusId: string;
  statusName?: string | null;
  outcome?: 'OPEN' | 'WON' | 'LOST' | null;
  state: 'QUEUED' | 'ASSIGNED' | 'CLOSED';
  assigneeId?: string | null;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  company?: string | null;
  message?: string | null;
  openedAt: string;
  assignedAt?: string | null;
  closedAt?: string | null;
  queuePosition?: number | null;
  history?: LeadHistoryEntry[] | null;
};

export type Note = { id: string; authorId: string; text: string; createdAt: string };

export type LeadStatus = { id: string; name: string; outcome: 'OPEN' | 'WON' | 'LOST' };

export type PortalMember = {
  userId: string;
  displayName: string;
  email: string;
  orgRole: string;
  portalRole: string;
  available: boolean;
  note?: string | null;
  availableSince?: string | null;
};

export type OrgMember = { userId: string; email: string; displayName?: string | null; role: string; status?: string };

export type Portal = { id: string; name: string; myPortalRole?: string | null };

export type Client = { id: string; name: string };

export type Team = { id: string; portalId: string; name: string; strategy: string; memberIds: string[] };

export type QueueItem = { id: string; externalId: string; position: number; waitingSeconds: number; estimatedWaitSeconds?: number | null };

export type QueueRow = {
  portalId: string;
  teamId?: string | null;
  channel: string;
  clientId: string;
  length: number;
  oldestWaitSeconds: number;
  items: QueueItem[];
};
