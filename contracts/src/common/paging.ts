import { z } from 'zod';

export const MAX_PAGE_SIZE = 500;

/** Query strings carry text: booleans arrive as "true"/"false". */
export const queryBoolean = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true');

export const PageQuerySchema = z.object({
  cursor: z.string().min(1).max(512).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Null on the last page'),
    total: z.number().int().nonnegative().describe('Items matching the query across all pages'),
  });
}

export type Page<T> = { items: T[]; nextCursor: string | null; total: number };

export const IsoDateTimeSchema = z.string().datetime({ offset: true });
export const IdSchema = z.string().min(1).max(128);
