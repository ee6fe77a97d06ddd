/** A DlqCollection over the connectors' CollectionTarget (MongoDB or the embedded store). */
import type { Doc } from '../core/types';
import type { CollectionTarget } from '../io/target';
import { dlqFilter, matchesDlqQuery, pageOf, type DlqCollection, type DlqQuery } from './dlq';

export function dlqCollection(target: CollectionTarget): DlqCollection {
  return {
    insertMany: (docs) => target.insertMany(docs),
    async list(q: DlqQuery) {
      const { skip, limit } = pageOf(q);
      if (target.kind === 'mongodb') {
        const filter = dlqFilter(q);
        const [entries, total] = await Promise.all([target.find(filter, skip, limit), target.count(filter)]);
        return { entries, total };
      }
      // The embedded store's filter language has no $regex: narrow by processor, test the rest here.
      const base: Doc = q.processorName !== undefined ? { processorName: q.processorName } : {};
      const hits = (await target.find(base, 0, Number.MAX_SAFE_INTEGER)).filter((d) => matchesDlqQuery(d, q));
      return { entries: hits.slice(skip, skip + limit), total: hits.length };
    },
  };
}
