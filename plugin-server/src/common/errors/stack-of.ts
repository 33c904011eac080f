/** What to log of something thrown: an Error's stack (message included), anything else as text. */
export const stackOf = (error: unknown): string | undefined => (error instanceof Error ? error.stack : String(error));
