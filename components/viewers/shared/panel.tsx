"use client";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";

/** The selected row in full, under the rows, with its actions. */
export function Panel({
  title,
  onClose,
  children,
  testId,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section
      data-testid={testId}
      aria-label="Selected"
      className="flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <header className="flex items-center gap-2">
        <h3 className="min-w-0 flex-1 truncate text-sm font-medium">{title}</h3>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close" title="Close">
          ✕
        </Button>
      </header>
      {children}
    </section>
  );
}

/** A destructive action that asks once more in place, instead of a modal for every small delete. */
export function ConfirmButton({
  label,
  confirm,
  onConfirm,
  disabled,
}: {
  label: string;
  confirm: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button size="sm" variant="secondary" onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </Button>
    );
  return (
    <span className="inline-flex items-center gap-2 text-xs">
      <span>{confirm}</span>
      <Button
        size="sm"
        variant="danger"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {label}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
}

/** A small form row: fields, then buttons, wrapping on narrow panels. */
export function FormRow({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap items-end gap-2">{children}</div>;
}
