/** A failure answered by Microsoft (identity platform or Graph), or the network on the way there. */
export class MicrosoftError extends Error {
  constructor(
    readonly source: 'identity' | 'graph' | 'network',
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: {
      aadsts?: number[];
      requestId?: string | null;
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
    this.name = 'MicrosoftError';
  }

  get aadsts(): number[] {
    return this.extra.aadsts ?? [];
  }

  hasAadsts(...codes: number[]): boolean {
    return this.aadsts.some((code) => codes.includes(code));
  }
}
