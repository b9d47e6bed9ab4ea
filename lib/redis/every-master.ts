import "server-only";

// Long work on every master of a cluster at once (bulk jobs, analyses), one task per master:
// the first master that fails stops the others at their next step (they see `stopped()`), and
// its error, named by the caller, is the job's. On one server it is one task.

/**
 * Runs `work(i, stopped)` for i = 0…count-1 at once. Resolves true when every task finished,
 * false when one stopped early (a cancel); throws the first failure as `named(error, i)` makes it.
 */
export async function onEveryMaster(
  count: number,
  work: (index: number, stopped: () => boolean) => Promise<boolean>,
  named: (error: unknown, index: number) => unknown,
): Promise<boolean> {
  let failed = false;
  const stopped = () => failed;
  const settled = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      work(i, stopped).catch((e) => {
        failed = true;
        throw named(e, i);
      }),
    ),
  );
  const rejected = settled.find((s) => s.status === "rejected");
  if (rejected) throw (rejected as PromiseRejectedResult).reason;
  return settled.every((s) => s.status === "fulfilled" && s.value);
}
