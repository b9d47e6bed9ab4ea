"use client";
import type { JsonBytes } from "@/lib/bytes";
import { HashViewer } from "./hash-viewer";
import { ListViewer } from "./list-viewer";
import { ModuleViewer } from "./module-viewer";
import { SetViewer } from "./set-viewer";
import { StreamViewer } from "./stream-viewer";
import { StringViewer } from "./string-viewer";
import { ZsetViewer } from "./zset-viewer";

type Props = {
  conn: string;
  db: number;
  keyName: JsonBytes;
  type: string;
  length: number | null;
  writable: boolean;
};

/** The viewer for the key's type; module types (ReJSON-RL and others) share one. */
export function ValueViewer({ type, length, ...props }: Props) {
  switch (type) {
    case "string":
      return <StringViewer {...props} length={length ?? 0} />;
    case "hash":
      return <HashViewer {...props} />;
    case "list":
      return <ListViewer {...props} />;
    case "set":
      return <SetViewer {...props} />;
    case "zset":
      return <ZsetViewer {...props} />;
    case "stream":
      return <StreamViewer {...props} />;
    default:
      return <ModuleViewer conn={props.conn} db={props.db} keyName={props.keyName} />;
  }
}
