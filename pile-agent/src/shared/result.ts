// Expected outcomes as values (house rule R10): a decode error, a NAK or "card unknown" is a
// Result, never an exception. Programmer errors throw AgentError instead (errors.ts).

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

/** A decode failure: a stable machine-readable code plus a human sentence. */
export interface DecodeError {
  readonly code: string;
  readonly message: string;
}

export const decodeError = (code: string, message: string): Err<DecodeError> => err({ code, message });
