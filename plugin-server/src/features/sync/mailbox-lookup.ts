import type { BatchRequest } from '../../common/graph/graph-gateway.js';
import { mailboxFactsOf, type MailboxFacts } from './graph-user.util.js';
import type { SyncGraph } from './sync-graph.js';

/** Graph's limit of requests per $batch. */
export const BATCH_SIZE = 20;

/**
 * mailboxSettings.userPurpose of each user, asked 20 at a time through $batch with `parallel` batches
 * in flight. Users whose answer settles nothing (403, 5xx after retries) are left out and asked again
 * by a later sync.
 */
export async function lookupMailboxes(graph: SyncGraph, ids: string[], parallel: number): Promise<MailboxFacts[]> {
  const batches: string[][] = [];
  for (let start = 0; start < ids.length; start += BATCH_SIZE) batches.push(ids.slice(start, start + BATCH_SIZE));
  const facts: MailboxFacts[] = [];
  let next = 0;
  const worker = async () => {
    for (let batch = batches[next++]; batch; batch = batches[next++]) {
      const requests: BatchRequest[] = batch.map((id, index) => ({
        id: String(index + 1),
        method: 'GET',
        url: `/users/${encodeURIComponent(id)}/mailboxSettings?$select=userPurpose`,
      }));
      for (const response of await graph.batch(requests)) {
        const fact = mailboxFactsOf(batch[Number(response.id) - 1]!, response.status, response.body);
        if (fact) facts.push(fact);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, worker));
  return facts;
}
