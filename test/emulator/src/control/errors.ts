/** A refused control operation; the HTTP layer answers {error:{code,message,aadsts}} with `status`. */
export class ControlError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly aadsts: number | null = null) {
    super(message);
  }
}
