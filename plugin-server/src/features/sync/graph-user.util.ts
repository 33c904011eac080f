/**
 * What a user sync reads from Graph and how it becomes a stored user.
 *
 * Mailbox and OneDrive rule:
 * - OneDrive: an assigned plan of service "SharePoint" with capabilityStatus "Enabled".
 * - Mailbox: an assigned plan of service "exchange" with capabilityStatus "Enabled" means a user
 *   mailbox; nothing more is asked.
 * - A member with neither an enabled Exchange plan nor a mail address has no mailbox: Exchange
 *   gives every mailbox a primary SMTP address, which the directory shows as `mail` (cloud accounts
 *   that never had a mailbox, service accounts). Nothing is asked; if an address appears later,
 *   the account is asked about then.
 * - A member with a mail address but no enabled Exchange plan (an unlicensed shared mailbox, a
 *   room, a mail user, a mailbox on premises) does not tell: its mailboxSettings.userPurpose is
 *   asked through $batch, once, and asked again only when its Exchange plan or its address comes or goes.
 *   "shared" -> shared mailbox; "user", "linked", "room", "equipment", "others" -> a mailbox;
 *   404 (MailboxNotEnabledForRESTAPI, ErrorInvalidUser, ResourceNotFound...) -> no mailbox.
 * - Guests have no mailbox or OneDrive in the tenant and are never asked.
 */
export const USER_SELECT = 'id,userPrincipalName,displayName,mail,accountEnabled,userType,assignedPlans';

export interface GraphUser {
  id: string;
  userPrincipalName?: string | null;
  displayName?: string | null;
  mail?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
  assignedPlans?: { service?: string | null; capabilityStatus?: string | null }[] | null;
  '@removed'?: { reason?: string };
}

/** A user as one page writes it; the mailbox facts of plan-less accounts come later from a lookup. */
export interface IngestUser {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  mail: string | null;
  accountEnabled: boolean;
  userType: 'member' | 'guest';
  hasExchangePlan: boolean;
  hasOneDrive: boolean;
}

export interface MailboxFacts {
  id: string;
  hasMailbox: boolean;
  isSharedMailbox: boolean;
}

export function toIngestUser(user: GraphUser): IngestUser {
  let exchange = false;
  let sharePoint = false;
  for (const plan of user.assignedPlans ?? []) {
    if (plan.capabilityStatus !== 'Enabled') continue;
    const service = plan.service?.toLowerCase();
    if (service === 'exchange') exchange = true;
    else if (service === 'sharepoint') sharePoint = true;
  }
  const guest = user.userType?.toLowerCase() === 'guest';
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName ?? '',
    displayName: user.displayName ?? null,
    mail: user.mail ?? null,
    accountEnabled: user.accountEnabled ?? false,
    userType: guest ? 'guest' : 'member',
    hasExchangePlan: exchange && !guest,
    hasOneDrive: sharePoint && !guest,
  };
}

/** Neither an Exchange plan nor an address: no mailbox, known without asking (see the rule above). */
export function mailboxRuledOut(user: IngestUser): boolean {
  return !user.hasExchangePlan && user.mail === null;
}

/** Whether a mailboxSettings lookup must settle the user's mailbox (see the rule above). */
export function needsMailboxLookup(user: IngestUser): boolean {
  return user.userType === 'member' && !user.hasExchangePlan && user.mail !== null;
}

/** mailboxSettings answer -> mailbox facts; undefined when the answer does not settle it (try again next sync). */
export function mailboxFactsOf(id: string, status: number, body: unknown): MailboxFacts | undefined {
  if (status === 404) return { id, hasMailbox: false, isSharedMailbox: false };
  if (status !== 200) return undefined;
  const purpose = (body as { userPurpose?: unknown } | null)?.userPurpose;
  if (typeof purpose !== 'string') return undefined;
  return { id, hasMailbox: true, isSharedMailbox: purpose.toLowerCase() === 'shared' };
}
