/** The header row of a CSS-grid table (the value rows, the live lists): one cell per column. */
export function GridHeader({
  columns,
  template,
}: {
  columns: readonly string[];
  template: string;
}) {
  return (
    <div
      className="grid gap-3 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
      style={{ gridTemplateColumns: template }}
    >
      {columns.map((c) => (
        <span key={c} className="truncate">
          {c}
        </span>
      ))}
    </div>
  );
}
