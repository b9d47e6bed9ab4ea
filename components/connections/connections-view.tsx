"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useConnections } from "@/hooks/use-connections";
import type { ConnectionSummary } from "@/lib/schemas/connections";
import { ConnectionForm } from "./connection-form";
import { ConnectionRow } from "./connection-row";
import { ExportButton, ImportButton } from "./import-export";

/** The connections page: every connection with its state, and add, import and export. */
export function ConnectionsView() {
  const q = useConnections();
  const [adding, setAdding] = useState(false);
  const all = q.data?.connections ?? [];
  const env = all.filter((c) => c.source === "env");
  const saved = all.filter((c) => c.source === "saved");
  const edits = q.data?.edits ?? { allowed: false };
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-2">
        <p className="flex-1 text-sm text-zinc-600 dark:text-zinc-400">
          Connections added here are saved in Keyscope's data directory, their passwords encrypted
          with the server's secret and never sent back to a browser.
        </p>
        {edits.allowed && <ImportButton />}
        <ExportButton disabled={saved.length === 0} />
        {edits.allowed && (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add connection
          </Button>
        )}
      </div>
      {q.data && !edits.allowed && (
        <Notice tone="info" title="Connections cannot be changed here">
          Adding, editing, importing and deleting connections is {edits.reason ?? "turned off"}.
        </Notice>
      )}
      {q.isPending && (
        <p className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Loading connections…
        </p>
      )}
      {q.isError && (
        <Notice tone="error" title="Could not list the connections">
          {q.error.message}
        </Notice>
      )}
      {q.data && (
        <>
          <Section title="Saved" testId="saved-connections" list={saved} editable={edits.allowed}>
            <div
              data-testid="no-saved-connections"
              className="flex flex-col items-center gap-2 rounded-md border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400"
            >
              <p>No saved connections yet.</p>
              <p className="text-xs">
                Add one with its address, or import a file exported by RedisInsight, Another Redis
                Desktop Manager, Tiny RDM or Keyscope.
              </p>
              {edits.allowed && (
                <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
                  Add connection
                </Button>
              )}
            </div>
          </Section>
          {env.length > 0 && (
            <Section
              title="From the environment"
              hint="REDIS_URL and KEYSCOPE_CONNECTIONS: change them there and restart Keyscope."
              testId="env-connections"
              list={env}
              editable={false}
            />
          )}
        </>
      )}
      {adding && <ConnectionForm open={adding} onClose={() => setAdding(false)} />}
    </div>
  );
}

function Section({
  title,
  hint,
  testId,
  list,
  editable,
  children,
}: {
  editable: boolean;
  title: string;
  hint?: string;
  testId: string;
  list: ConnectionSummary[];
  /** Shown when the list is empty. */
  children?: React.ReactNode;
}) {
  return (
    <section data-testid={testId} className="flex flex-col gap-2">
      <h2 className="flex items-baseline gap-2 text-sm font-semibold">
        {title}
        <span className="font-normal text-zinc-500">{list.length}</span>
        {hint && (
          <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">{hint}</span>
        )}
      </h2>
      {list.length === 0 ? (
        children
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {list.map((c) => (
            <ConnectionRow key={c.id} connection={c} editable={editable} />
          ))}
        </ul>
      )}
    </section>
  );
}
