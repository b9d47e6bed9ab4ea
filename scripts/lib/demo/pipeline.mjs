/**
 * @typedef {import("ioredis").Redis} Redis
 * @typedef {ReturnType<Redis["pipeline"]>} Pipeline
 * @typedef {{ redis: Redis, rng: import("./words.mjs").Rng, now: number }} Ctx
 */
// ---------------------------------------------------------------------------------------------
// Pipelines

/**
 * Queues commands and sends them as pipelines of `size` calls. One pipeline is on the wire
 * while the next is being built, so encoding overlaps the round trip, and at most two are
 * held in memory.
 * @param {Redis} redis
 */
export function writer(redis, size = 1000) {
  let pipe = redis.pipeline();
  let queued = 0;
  /** @type {Promise<unknown>} */
  let inFlight = Promise.resolve();
  /** @type {unknown} */
  let failure = null;

  const send = () => {
    const sent = exec(pipe);
    // Remember a failure now; it is rethrown from the next add() or flush().
    sent.catch((err) => {
      failure ??= err;
    });
    const previous = inFlight;
    inFlight = sent;
    pipe = redis.pipeline();
    queued = 0;
    return previous;
  };

  return {
    /** @param {(p: Pipeline) => unknown} queue */
    add(queue) {
      if (failure) throw failure;
      queue(pipe);
      if (++queued >= size) return send();
    },
    async flush() {
      if (queued > 0) send();
      await inFlight.catch(() => {});
      if (failure) throw failure;
    },
  };
}

/**
 * Runs a pipeline and throws the first command error instead of returning it.
 * @param {Pipeline} pipe
 * @returns {Promise<unknown[]>}
 */
export async function exec(pipe) {
  const results = (await pipe.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw failed[0];
  return results.map(([, value]) => value);
}
