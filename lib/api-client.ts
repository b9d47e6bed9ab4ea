// The browser's side of the API: typed fetches that turn the error shape into ApiClientError.
import type { z } from "zod";
import { type JsonBytes, keyParam } from "@/lib/bytes";
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

export async function api<T>(
  path: string,
  schema: z.ZodType<T>,
  init?: RequestInit & { json?: unknown },
): Promise<T> {
  const { json, ...rest } = init ?? {};
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers:
        json === undefined ? rest.headers : { "content-type": "application/json", ...rest.headers },
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
  } catch (e) {
    throw new ApiClientError(
      0,
      "NETWORK",
      `Keyscope's server is unreachable (${(e as Error).message}).`,
    );
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (isErrorBody(body))
      throw new ApiClientError(res.status, body.error.code, body.error.message);
    throw new ApiClientError(res.status, "INTERNAL", `The server answered ${res.status}.`);
  }
  return schema.parse(body);
}

export function dbPath(conn: string, db: number): string {
  return `/api/connections/${encodeURIComponent(conn)}/db/${db}`;
}

export function keyPath(conn: string, db: number, key: JsonBytes, suffix = "", extra = ""): string {
  return `${dbPath(conn, db)}/key${suffix}?${keyParam(key)}${extra}`;
}
