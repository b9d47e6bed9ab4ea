// A client for seeding a Redis Cluster that looks, to the seeder, like one ioredis Redis: every
// command goes to the master owning its key's slot, and a pipeline is split into one pipeline
// per master (sent in parallel) with its replies put back in the order they were queued.
// Not ioredis's Cluster client: it hashes a key given as bytes as if it were text, so a
// non-UTF-8 key could land on a master that does not own it (MOVED). The slot of a key's bytes
// is the server's own (key-slot.mjs).
import { Redis } from "ioredis";
import { keySlot } from "../key-slot.mjs";

/**
 * Where a seeder command keeps its key; every other command the seeder sends has it first.
 * @param {string} name
 * @param {unknown[]} args
 * @returns {Buffer | string}
 */
function keyOf(name, args) {
  const lower = name.toLowerCase();
  let key = args[0];
  if (lower === "xgroup") key = args[1];
  if (lower === "xreadgroup") key = args[args.findIndex((a) => String(a) === "STREAMS") + 1];
  if (typeof key !== "string" && !Buffer.isBuffer(key)) {
    throw new Error(`cluster seed: cannot tell the key of ${name}`);
  }
  return key;
}

/** @param {unknown} db */
function assertDb0(db) {
  // A cluster has db 0 only; the seeder skips its other dbs on a cluster.
  if (Number(db) !== 0) throw new Error(`cluster seed: a cluster has no db ${db}`);
}

/**
 * @typedef {{ start: number, end: number, client: Redis }} Owner
 * @typedef {Redis & { routesBySlot: true, masters: Redis[] }} ClusterRouter
 */

/**
 * Connects to every master named by `CLUSTER SLOTS` of the seed node.
 * @param {{ host: string, port: number }} seed
 * @returns {Promise<ClusterRouter>}
 */
export async function connectClusterRouter(seed) {
  const admin = new Redis({ ...seed, protocol: 2, maxRetriesPerRequest: 1 });
  /** @type {[number, number, [string, number]][]} */
  let ranges;
  try {
    ranges = /** @type {any} */ (await admin.call("CLUSTER", "SLOTS"));
  } finally {
    admin.disconnect();
  }
  /** @type {Map<string, Redis>} */
  const clients = new Map();
  /** @type {Owner[]} */
  const owners = ranges.map(([start, end, [host, port]]) => {
    const address = `${host}:${port}`;
    let client = clients.get(address);
    if (!client) {
      client = new Redis({ host, port, protocol: 2, maxRetriesPerRequest: 1 });
      clients.set(address, client);
    }
    return { start, end, client };
  });
  const masters = [...clients.values()];
  /** @param {Buffer | string} key */
  const ownerOf = (key) => {
    const slot = keySlot(key);
    const owner = owners.find((o) => slot >= o.start && slot <= o.end);
    if (!owner) throw new Error(`cluster seed: slot ${slot} has no master`);
    return owner.client;
  };
  const dbsize = async () => {
    const sizes = await Promise.all(masters.map((m) => m.dbsize()));
    return sizes.reduce((a, b) => a + b, 0);
  };

  const pipeline = () => {
    /** @type {[string, unknown[]][]} */
    const queued = [];
    /** @type {any} */
    const proxy = new Proxy(
      {},
      {
        get(_, name) {
          if (name === "exec") return () => execSplit(queued);
          if (typeof name !== "string" || name === "then") return undefined;
          return (/** @type {unknown[]} */ ...args) => {
            queued.push([name, args]);
            return proxy;
          };
        },
      },
    );
    return proxy;
  };

  /**
   * One pipeline per master, in parallel; the replies come back as ioredis's [err, value]
   * pairs in the order the commands were queued.
   * @param {[string, unknown[]][]} queued
   */
  const execSplit = async (queued) => {
    /** @type {[Error | null, unknown][]} */
    const results = new Array(queued.length);
    /** @type {Map<Redis, { pipe: any, at: number[] }>} */
    const perMaster = new Map();
    /** @type {number[]} */
    const sizesAt = [];
    queued.forEach(([name, args], i) => {
      if (name === "select") {
        assertDb0(args[0]);
        results[i] = [null, "OK"];
        return;
      }
      if (name === "dbsize") {
        sizesAt.push(i);
        return;
      }
      const client = ownerOf(keyOf(name, args));
      let batch = perMaster.get(client);
      if (!batch) {
        batch = { pipe: client.pipeline(), at: [] };
        perMaster.set(client, batch);
      }
      batch.pipe[name](...args);
      batch.at.push(i);
    });
    await Promise.all([
      ...[...perMaster.values()].map(async ({ pipe, at }) => {
        const replies = (await pipe.exec()) ?? [];
        at.forEach((i, j) => {
          results[i] = replies[j];
        });
      }),
      ...sizesAt.map(async (i) => {
        results[i] = [null, await dbsize()];
      }),
    ]);
    return results;
  };

  const special = {
    routesBySlot: true,
    masters,
    options: { db: 0 },
    pipeline,
    dbsize,
    /** @param {unknown} db */
    async select(db) {
      assertDb0(db);
      return "OK";
    },
    disconnect() {
      for (const m of masters) m.disconnect();
    },
  };
  return /** @type {any} */ (
    new Proxy(special, {
      get(target, name) {
        if (name in target) return /** @type {any} */ (target)[name];
        if (typeof name !== "string" || name === "then") return undefined;
        return (/** @type {unknown[]} */ ...args) =>
          /** @type {any} */ (ownerOf(keyOf(name, args)))[name](...args);
      },
    })
  );
}
