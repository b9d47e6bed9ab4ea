import { Badge } from "@/components/ui/badge";
import type { JsonBytes } from "@/lib/bytes";
import type { AppInfo } from "@/lib/schemas/apps";

// The app a key belongs to (GET …/key `app`, lib/apps): framework and kind as badges, the
// sentence that says what the key is, and the key's named parts. Django cache keys are
// `<KEY_PREFIX>:<VERSION>:<key>`: their prefix and version get badges of their own.

const FRAMEWORK_LABEL: Record<string, string> = {
  django: "Django",
  celery: "Celery",
  sidekiq: "Sidekiq",
  bullmq: "BullMQ",
  rq: "RQ",
  rails: "Rails",
  laravel: "Laravel",
  "connect-redis": "connect-redis",
  "spring-session": "Spring Session",
};

// Shown otherwise: the badges, the sentence, and `key` (the key's rest, already in the title).
const SHOWN = new Set(["framework", "kind", "about", "key"]);

/** KEY_PREFIX and VERSION of a Django key, from the app's parts or the key's own shape. */
export function djangoParts(
  key: JsonBytes,
  app: AppInfo,
): { prefix: string; version: string } | null {
  if (app.framework !== "django") return null;
  if (app.version !== undefined)
    return { prefix: String(app.prefix ?? ""), version: String(app.version) };
  if (typeof key !== "string") return null;
  const m = /^([^:]*):(\d+):/.exec(key);
  return m ? { prefix: m[1] as string, version: m[2] as string } : null;
}

export function KeyApp({ keyName, app }: { keyName: JsonBytes; app: AppInfo }) {
  const django = djangoParts(keyName, app);
  const parts = Object.entries(app).filter(
    ([name, value]) =>
      value !== "" && !SHOWN.has(name) && !(django && (name === "prefix" || name === "version")),
  );
  return (
    <div
      data-testid="key-app"
      className="flex flex-col gap-1.5 rounded-md border border-indigo-200 bg-indigo-50/60 px-3 py-2 text-sm dark:border-indigo-900 dark:bg-indigo-950/30"
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone="violet">{FRAMEWORK_LABEL[app.framework] ?? app.framework}</Badge>
        <Badge tone="blue">{app.kind}</Badge>
        {django && (
          <>
            <Badge tone="gray" className="normal-case">
              prefix {django.prefix === "" ? "(none)" : django.prefix}
            </Badge>
            <Badge tone="gray" className="normal-case">
              version {django.version}
            </Badge>
          </>
        )}
        {parts.map(([name, value]) => (
          <span
            key={name}
            className="max-w-full truncate rounded bg-white/70 px-1.5 py-0.5 font-mono text-[11px] text-zinc-700 dark:bg-zinc-900/70 dark:text-zinc-300"
            title={`${name}: ${String(value)}`}
          >
            <span className="text-zinc-500">{name}</span> {String(value)}
          </span>
        ))}
      </div>
      {app.about && <p className="text-zinc-700 dark:text-zinc-300">{app.about}</p>}
    </div>
  );
}
