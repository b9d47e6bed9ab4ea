"use client";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import type { FieldErrors, FormState } from "./form-model";

type Pem = "ca" | "cert" | "key";

const PEMS: { field: Pem; label: string; hint: string }[] = [
  { field: "ca", label: "CA certificate", hint: "for a private CA; empty: the system's CAs" },
  { field: "cert", label: "Client certificate", hint: "for mutual TLS" },
  { field: "key", label: "Client key", hint: "encrypted at rest, never sent back" },
];

/** TLS: certificates pasted as PEM text or read from a file picked in the browser. */
export function TlsFields({
  state,
  set,
  errors,
  saved,
}: {
  state: FormState;
  set: <F extends keyof FormState>(f: F, v: FormState[F]) => void;
  errors: FieldErrors;
  /** Editing a saved TLS connection: its stored certificates are not shown. */
  saved: boolean;
}) {
  return (
    <fieldset
      aria-label="TLS settings"
      className="-mt-1 flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
    >
      {saved && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Stored certificates are kept unless you paste new ones (new ones replace all of them).
        </p>
      )}
      {PEMS.map(({ field, label, hint }) => (
        <div key={field} className="flex flex-col gap-1">
          <div className="flex items-center justify-between gap-2">
            <label htmlFor={`conn-${field}`} className="text-xs font-medium">
              {label} <span className="font-normal text-zinc-500">— {hint}</span>
            </label>
            <label className="cursor-pointer text-xs text-indigo-600 hover:underline dark:text-indigo-400">
              From a file…
              <input
                type="file"
                aria-label={`${label} file`}
                accept=".pem,.crt,.cer,.key,text/plain"
                className="sr-only"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  // PEM is text; a bigger file is not a certificate (the schema says so too).
                  if (file) set(field, await file.slice(0, 512 * 1024).text());
                  e.target.value = "";
                }}
              />
            </label>
          </div>
          <textarea
            id={`conn-${field}`}
            value={state[field]}
            onChange={(e) => set(field, e.target.value)}
            rows={2}
            spellCheck={false}
            placeholder="-----BEGIN …-----"
            aria-invalid={errors[field] ? true : undefined}
            className={cn(
              "rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-[11px] text-zinc-900 placeholder:text-zinc-400 focus:border-indigo-500 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
              errors[field] && "border-red-500 dark:border-red-500",
            )}
          />
          {errors[field] && <FieldError text={errors[field]} />}
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="conn-servername" className="text-xs font-medium">
          Server name
        </label>
        <Input
          id="conn-servername"
          value={state.servername}
          onChange={(e) => set("servername", e.target.value)}
          placeholder="the host (SNI)"
          className="h-7 w-48 text-xs"
        />
        <label className="flex items-center gap-1.5 text-xs">
          <input
            type="checkbox"
            checked={!state.verify}
            onChange={(e) => set("verify", !e.target.checked)}
          />
          Accept any server certificate (self-signed test servers only)
        </label>
      </div>
      {errors.servername && <FieldError text={errors.servername} />}
    </fieldset>
  );
}

export function FieldError({ text }: { text: string }) {
  return <p className="text-xs text-red-600 dark:text-red-400">{text}</p>;
}
