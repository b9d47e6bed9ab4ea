import "server-only";
import type { ChainableCommander, Redis } from "ioredis";
import { ApiError } from "@/lib/errors";
import { clusterLayout } from "./cluster-layout";
import { keySlot } from "./slot";
import type { RedisTarget, TargetNode } from "./target";

// Where an import (or any job on dedicated connections, or a page's reads on the shared ones)
// sends each key: on a cluster the client of the master that owns the key's slot (from the key's
// bytes, slot.ts), else the one client. A pipeline of the job's commands becomes one pipeline per master, sent in
// parallel, whose replies come back in the order the commands were queued.

export type Router = {
  readonly clients: Redis[];
  /** The client that holds `key`. */
  route(key: Buffer): Redis;
};

/** A router over one client per master: a job's (`target.dedicated(...)`) or the shared ones. */
export async function routerFor(target: RedisTarget, nodes: TargetNode[]): Promise<Router> {
  const clients = nodes.map((n) => n.client);
  const [only] = clients;
  if (target.kind !== "cluster" || clients.length === 1) {
    if (!only) throw new Error(`connection "${target.connId}" has no nodes`);
    return { clients, route: () => only };
  }
  const layout = await clusterLayout(target.connId);
  const byAddr = new Map(nodes.map((n) => [n.addr, n.client]));
  const owners = layout.masters.map((m) => byAddr.get(m.addr));
  return {
    clients,
    route(key) {
      const slot = keySlot(key);
      const client = owners[layout.owner[slot] ?? -1];
      if (!client)
        throw new ApiError(
          "REDIS_UNAVAILABLE",
          `No master of this job owns slot ${slot} (the cluster changed while it ran).`,
        );
      return client;
    },
  };
}

export type Reply = [Error | null, unknown];

/**
 * Commands queued by key, sent as one pipeline per node; replies in queueing order. `buffers`:
 * bulk replies as Buffers (values read back), else as ioredis's strings (an import's OKs).
 */
export class RoutedPipeline {
  private readonly pipes = new Map<Redis, { p: ChainableCommander; at: number[] }>();
  private count = 0;

  constructor(
    private readonly router: Router,
    private readonly buffers = false,
  ) {}

  get length(): number {
    return this.count;
  }

  call(key: Buffer, command: string, ...args: (Buffer | string | number)[]): void {
    const client = this.router.route(key);
    let pipe = this.pipes.get(client);
    if (!pipe) {
      pipe = { p: client.pipeline(), at: [] };
      this.pipes.set(client, pipe);
    }
    if (this.buffers) pipe.p.callBuffer(command, ...args);
    else pipe.p.call(command, ...args);
    pipe.at.push(this.count++);
  }

  async exec(): Promise<Reply[]> {
    const replies: Reply[] = new Array(this.count);
    await Promise.all(
      [...this.pipes.values()].map(async ({ p, at }) => {
        const got = ((await p.exec()) ?? []) as Reply[];
        at.forEach((i, j) => {
          replies[i] = got[j] ?? [new Error("no reply"), null];
        });
      }),
    );
    return replies;
  }
}
