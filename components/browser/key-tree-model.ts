import { displayJsonBytes } from "@/lib/bytes";
import type { ScannedKeyJson } from "@/lib/schemas/keys";

// The namespace tree behind the tree view: keys split on a delimiter (":" by default) into
// folders. Built from the loaded rows, then flattened to the visible lines for virtualisation.

export type Folder = {
  path: string;
  name: string;
  folders: Map<string, Folder>;
  leaves: ScannedKeyJson[];
  count: number;
};

export type TreeLine =
  | { kind: "folder"; path: string; name: string; depth: number; count: number; open: boolean }
  | { kind: "key"; row: ScannedKeyJson; name: string; depth: number };

function folder(path: string, name: string): Folder {
  return { path, name, folders: new Map(), leaves: [], count: 0 };
}

export function buildTree(rows: ScannedKeyJson[], delimiter: string): Folder {
  const root = folder("", "");
  for (const row of rows) {
    const parts = delimiter
      ? displayJsonBytes(row.key).split(delimiter)
      : [displayJsonBytes(row.key)];
    let node = root;
    root.count++;
    for (let i = 0; i < parts.length - 1; i++) {
      const name = parts[i] as string;
      let child = node.folders.get(name);
      if (!child) {
        child = folder(i > 0 ? `${node.path}${delimiter}${name}` : name, name);
        node.folders.set(name, child);
      }
      child.count++;
      node = child;
    }
    node.leaves.push(row);
  }
  return root;
}

/** The lines on screen: folders first (by name), then keys; children only of open folders. */
export function flattenTree(root: Folder, open: Set<string>, delimiter: string): TreeLine[] {
  const lines: TreeLine[] = [];
  const walk = (node: Folder, depth: number) => {
    const folders = [...node.folders.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const f of folders) {
      const isOpen = open.has(f.path);
      lines.push({
        kind: "folder",
        path: f.path,
        name: f.name,
        depth,
        count: f.count,
        open: isOpen,
      });
      if (isOpen) walk(f, depth + 1);
    }
    for (const row of node.leaves) {
      const full = displayJsonBytes(row.key);
      const name = delimiter ? (full.split(delimiter).pop() ?? full) : full;
      lines.push({ kind: "key", row, name, depth });
    }
  };
  walk(root, 0);
  return lines;
}
