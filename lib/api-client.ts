// The browser's side of the API: calls an endpoint's definition (lib/endpoints), which builds the
// URL and checks the answer with the same response schema the server encoded it with. Bytes stay
// in their JSON form here (string or {"b64"}): the components show, compare and send them back
// as they came, and the browser has no Buffer.
import { z } from "zod";
import {
  type BodyIn,
  type Endpoint,
  endpointUrl,
  isJsonResponse,
  type JsonOf,
  type ParamsIn,
  type QueryIn,
} from "@/lib/endpoints/define";
import { type ErrorCode, isErrorBody } from "@/lib/errors";

export class ApiClientError extends Error {
  readonly status: number;
  readonly code: ErrorCode | "NETWORK";
  constructor(status: number, code: ErrorCode | "NETWORK", message: string) {
    super(message);
    this.name = "ApiClientError";
    this.status = status;
    this.code = code;
  }
}

/**
 * Checks a JSON answer against a response schema and returns it as it came. Decoding is the
 * check (byte strings must be valid UTF-8 text or base64); its Uint8Arrays are not kept.
 */
export function checkJson<S extends z.ZodType>(schema: S, json: unknown): z.input<S> {
  z.decode(schema, json as z.input<S>);
  return json as z.input<S>;
}

type Args<E extends Endpoint> = (E extends { params: z.ZodType }
  ? { params: ParamsIn<E> }
  : { params?: undefined }) &
  (E extends { query: z.ZodType } ? { query: QueryIn<E> } : { query?: undefined }) &
  (E extends { body: z.ZodType } ? { body: BodyIn<E> } : { body?: undefined }) & {
    signal?: AbortSignal;
  };

/** The URL of a call, for links (the download) and for calls. */
export function urlOf<E extends Endpoint>(e: E, args: Pick<Args<E>, "params" | "query">): string {
  return endpointUrl(
    e,
    args.params as Record<string, string | number> | undefined,
    args.query as Record<string, string | number | readonly string[] | undefined> | undefined,
  );
}

/** Calls an endpoint; an error answer becomes an ApiClientError with the server's code. */
export async function request<E extends Endpoint>(e: E, args: Args<E>): Promise<JsonOf<E>> {
  if (!isJsonResponse(e.response)) throw new Error(`${e.path} is not JSON; link to urlOf(…)`);
  let res: Response;
  try {
    res = await fetch(urlOf(e, args), {
      method: e.method,
      signal: args.signal,
      ...(args.body !== undefined && {
        headers: { "content-type": "application/json" },
        body: JSON.stringify(args.body),
      }),
    });
  } catch (err) {
    throw new ApiClientError(
      0,
      "NETWORK",
      `Keyscope's server is unreachable (${(err as Error).message}).`,
    );
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (isErrorBody(body))
      throw new ApiClientError(res.status, body.error.code, body.error.message);
    throw new ApiClientError(res.status, "INTERNAL", `The server answered ${res.status}.`);
  }
  return checkJson(e.response, body) as JsonOf<E>;
}
