"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useImportConnections } from "@/hooks/use-connection-mutations";
import { urlOf } from "@/lib/api-client";
import { connections } from "@/lib/endpoints";
import { CONNECTION_IMPORT_MAX_CHARS } from "@/lib/schemas/connections";

const FORMAT_NAMES = {
  keyscope: "Keyscope",
  redisinsight: "RedisInsight",
  ardm: "Another Redis Desktop Manager",
  tinyrdm: "Tiny RDM",
  generic: "a list of connections",
} as const;

/** Import a connections file another tool (or Keyscope) exported, with a result per entry. */
export function ImportButton() {
  const [open, setOpen] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const imp = useImportConnections();
  const close = () => {
    setOpen(false);
    setFileName(null);
    setTooBig(false);
    imp.reset();
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>Import…</Button>
      <Dialog open={open} onClose={close} title="Import connections">
        <div className="flex flex-col gap-3 text-sm">
          <p className="text-zinc-600 dark:text-zinc-400">
            A connections file exported by RedisInsight, Another Redis Desktop Manager, Tiny RDM or
            Keyscope. Each entry is added as a saved connection; passwords in the file are stored
            encrypted.
          </p>
          {/* The native picker's own "No file chosen" would show again after each import
              (the input is cleared so the same file can be picked twice): name it here. */}
          <label className="flex min-w-0 cursor-pointer items-center gap-3">
            <span className="inline-flex h-8 shrink-0 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800">
              Choose a file…
            </span>
            <span className="truncate text-zinc-500 dark:text-zinc-400">
              {fileName ?? "no file chosen"}
            </span>
            <input
              type="file"
              aria-label="Connections file"
              accept=".json,.txt,application/json,text/plain"
              className="sr-only"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (!file) return;
                imp.reset();
                setFileName(file.name);
                setTooBig(file.size > CONNECTION_IMPORT_MAX_CHARS);
                if (file.size <= CONNECTION_IMPORT_MAX_CHARS) imp.mutate(await file.text());
              }}
            />
          </label>
          {tooBig && (
            <Notice tone="error">{fileName} is over 10 MB: not a connections file.</Notice>
          )}
          {imp.isPending && (
            <p className="flex items-center gap-2 text-zinc-500">
              <Spinner /> Importing {fileName}…
            </p>
          )}
          {imp.error && (
            <Notice tone="error" title={`${fileName ?? "The file"} was not imported`}>
              {imp.error.message}
            </Notice>
          )}
          {imp.data && (
            <div data-testid="import-result" className="flex flex-col gap-2">
              <p>
                Read as {FORMAT_NAMES[imp.data.format]}:{" "}
                {imp.data.results.filter((r) => r.ok).length} of {imp.data.results.length} imported.
              </p>
              <ul className="max-h-64 divide-y divide-zinc-200 overflow-y-auto rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
                {imp.data.results.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: entries may share a name
                  <li key={i} className="flex gap-2 px-3 py-1.5 text-xs">
                    <span
                      className={
                        r.ok
                          ? "text-emerald-600 dark:text-emerald-400"
                          : "text-red-600 dark:text-red-400"
                      }
                    >
                      {r.ok ? "✓" : "✗"}
                    </span>
                    <span className="font-medium break-all">{r.name || "(no name)"}</span>
                    <span className="flex-1 text-right text-zinc-500 dark:text-zinc-400">
                      {r.ok ? `added as ${r.id}` : r.error}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="flex justify-end">
            <Button onClick={close}>Close</Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}

/** Export the saved connections as Keyscope's file; passwords only when the box is ticked. */
export function ExportButton({ disabled }: { disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [passwords, setPasswords] = useState(false);
  const href = urlOf(connections.exportFile, { query: { passwords: passwords ? "1" : "0" } });
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        disabled={disabled}
        title={disabled ? "No saved connections to export" : undefined}
      >
        Export…
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Export connections">
        <div className="flex flex-col gap-3 text-sm">
          <p className="text-zinc-600 dark:text-zinc-400">
            The saved connections as a Keyscope connections file (JSON), to import into another
            Keyscope. Connections from the environment are not in it.
          </p>
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              checked={passwords}
              onChange={(e) => setPasswords(e.target.checked)}
              className="mt-1"
            />
            <span>
              Include passwords
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                The file then holds every password and TLS client key in plain text: anyone who has
                the file can log in to those servers. The export is written to the audit log.
                Without it, the file has addresses and settings only, and each password must be
                typed again after an import.
              </span>
            </span>
          </label>
          {passwords && (
            <Notice tone="warn">Keep this file as you would keep the passwords themselves.</Notice>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <a
              href={href}
              download
              onClick={() => setOpen(false)}
              className="inline-flex h-8 items-center rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-500"
            >
              Download
            </a>
          </div>
        </div>
      </Dialog>
    </>
  );
}
