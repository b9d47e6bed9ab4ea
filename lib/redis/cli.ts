import "server-only";
import { splitArgs } from "@/lib/cli/split-args";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import type { CliBody } from "@/lib/schemas/cli";
import { type Plan, planCommand } from "./cli-policy";
import { commandCatalog } from "./command-catalog";
import { type ConsoleNode, runConsoleCommand } from "./console";
import { keySlot } from "./slot";
import { firstServerNode, targetFor } from "./target";
import { clusterNodeNames } from "./target-cluster";

// The console's request, from body to answer: the arguments (split as redis-cli splits a
// line), the plan (read or write, dangerous, refused), the keys for the audit line, the run.

export type CliRequest = { args: Buffer[]; plan: Plan; keys: Buffer[] };

export function argsOf(body: CliBody): Buffer[] {
  if (body.args) return body.args;
  const split = splitArgs(body.line ?? "");
  if (!split.ok) throw new ApiError("BAD_REQUEST", split.error);
  if (split.args.length === 0) throw new ApiError("BAD_REQUEST", "line: no command given.");
  return split.args.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

/** The keys a command names, as the server finds them (COMMAND GETKEYS); none when it has none. */
async function keysOf(connId: string, args: Buffer[]): Promise<Buffer[]> {
  try {
    const node = await firstServerNode(targetFor(connId, 0));
    return (await node.callBuffer("COMMAND", "GETKEYS", ...args)) as Buffer[];
  } catch {
    return []; // keyless commands, and wrong arity (Redis will say so when it runs)
  }
}

function isCluster(connId: string): boolean {
  return targetFor(connId, 0).kind === "cluster";
}

/**
 * Where a command runs on a cluster: the node the body names, or the master that owns the slot
 * of its keys (every key must share one slot, as Redis itself requires); a keyless command
 * without `node` is refused, naming the nodes, because "which node's INFO" has no default.
 */
async function clusterRoute(
  connId: string,
  request: CliRequest,
  node?: string,
): Promise<ConsoleNode> {
  if (node) {
    const found = await targetFor(connId, 0).nodeAt(node);
    return { addr: found.addr ?? node, replica: found.role === "replica" };
  }
  const { keys, plan } = request;
  if (keys.length === 0)
    throw new ApiError(
      "BAD_REQUEST",
      `node: ${plan.name || "this command"} names no key, so it needs a node on a cluster; the nodes are ${await clusterNodeNames(connId)}.`,
    );
  const slots = new Set(keys.map(keySlot));
  if (slots.size > 1)
    throw new ApiError(
      "BAD_REQUEST",
      `CROSSSLOT: the keys of ${plan.name} hash to ${slots.size} different slots; on a cluster one command's keys must share a slot (give them the same {hash tag}).`,
    );
  const master = await targetFor(connId, 0).masterFor(keys[0] as Buffer);
  return { addr: master.addr ?? "", replica: false };
}

export async function planRequest(connId: string, body: CliBody): Promise<CliRequest> {
  let args: Buffer[];
  try {
    args = argsOf(body);
  } catch (e) {
    const refusal = e as ApiError;
    return { args: [], plan: { name: "", write: false, dangerous: false, refusal }, keys: [] };
  }
  const plan = planCommand(args, await commandCatalog(connId), config().commandTimeoutMs);
  // On a cluster every command's keys are needed (they choose the node); elsewhere only a
  // write's, for the audit line.
  const wanted = !plan.refusal && (plan.write || (isCluster(connId) && !body.node));
  const keys = wanted ? await keysOf(connId, args) : [];
  return { args, plan, keys };
}

export async function runRequest(connId: string, db: number, request: CliRequest, body: CliBody) {
  const { plan, args } = request;
  if (plan.refusal) throw plan.refusal;
  if (plan.dangerous && body.confirm?.trim().toUpperCase() !== plan.name)
    throw new ApiError(
      "CONFIRMATION_REQUIRED",
      `${plan.name} is dangerous; send "confirm": "${plan.name}" to run it.`,
    );
  let node: ConsoleNode | undefined;
  if (isCluster(connId)) node = await clusterRoute(connId, request, body.node);
  else if (body.node) await targetFor(connId, db).nodeAt(body.node); // 400 unless it is the one node
  const answer = await runConsoleCommand(
    connId,
    db,
    args,
    { limit: body.limit, limitBytes: body.limitBytes },
    node,
  );
  return {
    reply: answer.reply,
    durationMs: answer.durationMs,
    ...(answer.truncated && { truncated: true as const }),
    ...(node && { node: node.addr }),
  };
}
