"use client";
import type { ComponentType } from "react";
import { isRedisType, type RedisType } from "@/lib/redis-types";
import { HashViewer } from "./hash/hash-viewer";
import { ListViewer } from "./list/list-viewer";
import { ModuleViewer } from "./module/module-viewer";
import { SetViewer } from "./set/set-viewer";
import type { ViewerProps } from "./shared/viewer-props";
import { StreamViewer } from "./stream/stream-viewer";
import { StringViewer } from "./string/string-viewer";
import { ZsetViewer } from "./zset/zset-viewer";

/** The viewer of every type in lib/redis-types.ts (a missing one fails the typecheck). */
const VIEWERS: Record<RedisType, ComponentType<ViewerProps>> = {
  string: StringViewer,
  hash: HashViewer,
  list: ListViewer,
  set: SetViewer,
  zset: ZsetViewer,
  stream: StreamViewer,
  "ReJSON-RL": ModuleViewer,
};

/** The viewer for the key's type; module types without one (and ReJSON-RL) share ModuleViewer. */
export function ValueViewer({ type, ...props }: ViewerProps & { type: string }) {
  const Viewer = isRedisType(type) ? VIEWERS[type] : ModuleViewer;
  return <Viewer {...props} />;
}
