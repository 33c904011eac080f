/** Entra error bodies use "2025-11-10 13:37:38Z". */
export function aadTimestamp(date = new Date()): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** Graph innerError.date uses "2021-04-20T17:22:30" (no zone, no fraction). */
export function graphDate(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '');
}

/** Graph DateTimeOffset values: "2024-01-01T00:00:00Z". */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
