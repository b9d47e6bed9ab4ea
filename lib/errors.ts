// Error codes of the API contract (docs/api.md) and their HTTP statuses. Shared by the server,
// which throws them as typed values, and the client, which reads them back from responses.
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  READ_ONLY: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  WRONG_TYPE: 409,
  CONFLICT: 409,
  TOO_LARGE: 413,
  CONFIRMATION_REQUIRED: 428,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  REDIS_ERROR: 502,
  REDIS_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorBody = { error: { code: ErrorCode; message: string } };

export class ApiError extends Error {
  readonly code: ErrorCode;
  /** Sent as `retry-after` (a 429 from a full queue says when to come back). */
  readonly retryAfterSeconds: number | undefined;
  constructor(code: ErrorCode, message: string, opts: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}
