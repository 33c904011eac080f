import { z } from 'zod';

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** The customProps the host passes to single-spa, plus single-spa's own `name` and optional `domElement`. */
export const HostPropsSchema = z.object({
  name: z.string().min(1, 'name is required (single-spa passes it)'),
  domElement: z
    .custom<HTMLElement>((value) => value instanceof HTMLElement, 'domElement must be an HTMLElement')
    .optional(),
  apiBaseUrl: z
    .string({ required_error: 'apiBaseUrl is required' })
    .url('apiBaseUrl must be an absolute URL, e.g. https://portal.example/m365-plugin'),
  getAccessToken: z.custom<() => Promise<string>>(
    (value) => typeof value === 'function',
    'getAccessToken must be a function returning a promise of the host token',
  ),
  locale: z.string().refine(isLocale, 'locale must be a BCP 47 language tag, e.g. en-US').default('en-US'),
  customerId: z.string().min(1).optional(),
});
export type HostProps = z.output<typeof HostPropsSchema>;
export type HostPropsInput = z.input<typeof HostPropsSchema>;

/** Validated props, or an Error listing every invalid prop in one sentence. */
export function parseHostProps(props: unknown): HostProps {
  const result = HostPropsSchema.safeParse(props);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.');
    return !field || issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`;
  });
  throw new Error(`Microsoft 365 plugin: invalid props: ${problems.join('; ')}`);
}
