import { describe, expect, it } from "vitest";
import { ApiClientError } from "@/lib/api-client";
import { makeQueryClient, TRANSIENT_RETRIES } from "@/lib/query-client";

// The one policy, on a real QueryClient: how often a failing query function is called, and
// which mutation errors reach the toast.

async function callsUntilError(error: Error): Promise<number> {
  const client = makeQueryClient(() => {});
  let calls = 0;
  await client
    .fetchQuery({
      queryKey: ["policy", error.message],
      queryFn: () => {
        calls++;
        throw error;
      },
    })
    .catch(() => {});
  return calls;
}

describe("query retry policy", () => {
  it("does not retry answers: 4xx, other 5xx, a refused schema", async () => {
    expect(await callsUntilError(new ApiClientError(404, "NOT_FOUND", "gone"))).toBe(1);
    expect(await callsUntilError(new ApiClientError(409, "WRONG_TYPE", "type"))).toBe(1);
    expect(await callsUntilError(new ApiClientError(500, "INTERNAL", "bug"))).toBe(1);
    expect(await callsUntilError(new ApiClientError(502, "REDIS_ERROR", "err"))).toBe(1);
    expect(await callsUntilError(new Error("schema"))).toBe(1);
  });

  it("retries what may pass by itself, a bounded number of times", async () => {
    const down = new ApiClientError(503, "REDIS_UNAVAILABLE", "down");
    expect(await callsUntilError(down)).toBe(1 + TRANSIENT_RETRIES);
    const offline = new ApiClientError(0, "NETWORK", "offline");
    expect(await callsUntilError(offline)).toBe(1 + TRANSIENT_RETRIES);
  });

  it("toasts a failed mutation unless it shows that error itself", async () => {
    const toasts: string[] = [];
    const client = makeQueryClient((m) => toasts.push(m));
    const run = (error: Error) =>
      client
        .getMutationCache()
        .build(client, {
          meta: { inlineErrors: ["CONFLICT"] },
          mutationFn: () => Promise.reject(error),
        })
        .execute(undefined)
        .catch(() => {});
    await run(new ApiClientError(409, "CONFLICT", "exists"));
    await run(new ApiClientError(403, "READ_ONLY", "read-only"));
    expect(toasts).toEqual(["read-only"]);
  });
});
