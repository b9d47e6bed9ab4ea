import "server-only";
import { ZodError } from "zod";
import { ApiError } from "@/lib/errors";
import { layoutIsStale } from "@/lib/redis/cluster-layout";

// Everything a route can throw becomes the error shape of docs/api.md here, and only here.

const CONNECTION_FAILURE =
  /Command timed out|Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|connect ETIMEDOUT|max retries|MaxRetriesPerRequest/i;

function describeZod(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return "The request is invalid.";
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  return `${where}${first.message}`;
}

// A cluster node that answers MOVED or ASK no longer serves that slot (a resharding or a
// failover happened since the layout was read); CLUSTERDOWN: the cluster has slots without a
// live master. Keyscope routes by its own layout, so the layout is re-read at once and the
// caller is told to try again: a second later the request goes to the new owner.
function fromClusterReply(code: string, message: string, connId: string | undefined): ApiError {
  if (connId) layoutIsStale(connId);
  const [, slot, addr] = message.split(" ");
  if (code === "MOVED" || code === "ASK")
    return new ApiError(
      "REDIS_UNAVAILABLE",
      `The cluster moved slot ${slot} to ${addr}; try again (Keyscope is re-reading the cluster's layout).`,
      { retryAfterSeconds: 1 },
    );
  return new ApiError(
    "REDIS_UNAVAILABLE",
    `The cluster is down or failing over (${message}); try again in a few seconds.`,
    { retryAfterSeconds: 2 },
  );
}

function fromRedisReply(message: string, connId: string | undefined): ApiError {
  const code = message.split(" ", 1)[0] ?? "";
  switch (code) {
    case "MOVED":
    case "ASK":
    case "CLUSTERDOWN":
      return fromClusterReply(code, message, connId);
    case "CROSSSLOT":
      return new ApiError(
        "BAD_REQUEST",
        "On a cluster the keys of one command must share a slot (CROSSSLOT). Keys share a slot when they share a hash tag: the part between { and }, as in user:{42}:a and user:{42}:b.",
      );
    case "KEYSCOPE_NOTFOUND":
      return new ApiError("NOT_FOUND", "No such key (it may have expired or been deleted).");
    case "KEYSCOPE_CONFLICT":
      return new ApiError("CONFLICT", `Nothing was changed: ${message.slice(code.length + 1)}.`);
    case "BUSYGROUP":
      return new ApiError("CONFLICT", "A consumer group with that name already exists.");
    case "WRONGTYPE":
      return new ApiError(
        "WRONG_TYPE",
        "The key exists with another type than this operation needs.",
      );
    case "NOPERM":
    case "NOAUTH":
      return new ApiError("FORBIDDEN", `Redis refused the command: ${message}`);
    case "LOADING":
    case "MASTERDOWN":
    case "BUSY":
    case "TRYAGAIN":
      return new ApiError("REDIS_UNAVAILABLE", `Redis cannot serve requests right now: ${message}`);
    default:
      if (/DB index is out of range/i.test(message))
        return new ApiError("NOT_FOUND", "No such database.");
      return new ApiError("REDIS_ERROR", `Redis answered with an error: ${message}`);
  }
}

/** `connId`: the connection the request was for (a cluster's layout is marked stale on MOVED). */
export function toApiError(e: unknown, connId?: string): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof ZodError) return new ApiError("BAD_REQUEST", describeZod(e));
  if (e instanceof Error) {
    if (e.name === "ReplyError") return fromRedisReply(e.message, connId);
    if (e.message === "Command timed out") {
      return new ApiError("REDIS_UNAVAILABLE", "Redis did not answer within the command timeout.");
    }
    if (CONNECTION_FAILURE.test(e.message) || CONNECTION_FAILURE.test(e.name)) {
      return new ApiError("REDIS_UNAVAILABLE", `Redis is unreachable: ${e.message}`);
    }
  }
  // Unknown: the detail goes to the server log only; the client gets a generic sentence.
  console.error("[keyscope] unexpected error", e);
  return new ApiError("INTERNAL", "Internal error; the server log has the details.");
}

export function errorResponse(e: unknown, connId?: string): Response {
  const error = toApiError(e, connId);
  const headers =
    error.retryAfterSeconds === undefined
      ? undefined
      : { "retry-after": String(error.retryAfterSeconds) };
  return Response.json(error.toBody(), { status: error.status, headers });
}
