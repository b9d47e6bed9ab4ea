import { concatBytes } from "@/lib/bytes";
import { bytesNode, type DNode, int, str } from "../node";
import type { Converter } from "./convert";
import { asBytes, type Handler, object, reprOf } from "./objects";
import { callableName, type Py, PyCall, PyDict, PyGlobal, PyList, PyTuple } from "./values";

// Django's types as a Django developer reads them, from the shapes Django 5.2 pickles
// (fixtures/python-apps.json holds real ones): safe strings, lazy translations, model instances
// (`model_unpickle` + the instance's __dict__), cached responses (cache_page) and the utc
// singleton. Display only; names outside these fall back to the generic call.

const SAFE = new Set(["SafeString", "SafeText", "SafeData", "SafeBytes", "SafeUnicode"]);

const safeString: Handler = (i) => {
  const v = i.args[0];
  const short = i.name.slice(i.name.lastIndexOf(".") + 1);
  if (typeof v === "string") return object(i.name, `${short}(${reprOf(str(v))})`, [str(v)]);
  const b = asBytes(v);
  return b && object(i.name, `${short}(${reprOf(bytesNode(b))})`, [bytesNode(b)]);
};

/** `_lazy_proxy_unpickle(func, args, kwargs, *resultclasses)`: a gettext_lazy('…') and the like. */
const lazy: Handler = (i, c, depth) => {
  const [func, args, kwargs] = i.args;
  const fn = callableName(func ?? null) ?? "<function>";
  const shown = args instanceof PyTuple ? c.items(args.items, depth).items : [];
  const named: [string, DNode][] = [];
  if (kwargs instanceof PyDict) c.named(kwargs, depth, named);
  const text = [...shown.map(reprOf), ...named.map(([k, v]) => `${k}=${reprOf(v)}`)].join(", ");
  const short = fn.slice(fn.lastIndexOf(".") + 1);
  return object(
    "django.utils.functional.lazy.<locals>.__proxy__",
    `lazy(${short})(${text})`,
    [str(fn), ...shown],
    named,
  );
};

/** `model_unpickle((app_label, ModelName))` + BUILD of the instance's __dict__. */
const model: Handler = (i, c, depth) => {
  const id = i.args[0];
  let cls: string | undefined;
  if (
    id instanceof PyTuple &&
    id.items.length === 2 &&
    id.items.every((x) => typeof x === "string")
  )
    cls = `${id.items[0]}.${id.items[1]}`;
  else if (id instanceof PyGlobal) cls = callableName(id);
  if (!cls) return undefined;
  const fields: [string, DNode][] = [];
  c.stateFields(i.state, depth, fields, new Set(["_state"]));
  return object(cls, undefined, [], fields);
};

// The status codes of Django's response classes (django/http/response.py), for a pickled
// response that keeps its class's default (status_code is then not in its __dict__).
const STATUS: Record<string, number> = {
  HttpResponse: 200,
  JsonResponse: 200,
  StreamingHttpResponse: 200,
  FileResponse: 200,
  TemplateResponse: 200,
  SimpleTemplateResponse: 200,
  HttpResponseRedirect: 302,
  HttpResponsePermanentRedirect: 301,
  HttpResponseNotModified: 304,
  HttpResponseBadRequest: 400,
  HttpResponseForbidden: 403,
  HttpResponseNotFound: 404,
  HttpResponseNotAllowed: 405,
  HttpResponseGone: 410,
  HttpResponseServerError: 500,
};

const get = (d: PyDict, key: string): Py | undefined => d.get(key);

/** `{lower: (Name, value)}` (ResponseHeaders._store, or Django < 3.2's `_headers`) as a map. */
function headerMap(store: Py | undefined, c: Converter, depth: number): DNode | undefined {
  if (!(store instanceof PyDict)) return undefined;
  const pairs: [Py, Py][] = store
    .pairs()
    .map(([k, v]) =>
      v instanceof PyTuple && v.items.length === 2 ? [v.items[0] as Py, v.items[1] as Py] : [k, v],
    );
  return { k: "map", ...c.entries(pairs, depth) };
}

/** A cached HttpResponse (cache_page): status, headers and body instead of its internals. */
const response: Handler = (i, c, depth) => {
  const state = i.state;
  if (!(state instanceof PyDict)) return undefined;
  const short = i.name.slice(i.name.lastIndexOf(".") + 1);
  const code = get(state, "status_code");
  const status = typeof code === "number" ? code : STATUS[short];
  const fields: [string, DNode][] = [];
  if (status !== undefined && c.budget.take()) fields.push(["status", int(status)]);
  const reason = get(state, "_reason_phrase");
  if (typeof reason === "string") fields.push(["reason", str(reason)]);
  const holder = get(state, "headers");
  const store =
    holder instanceof PyCall && holder.state instanceof PyDict
      ? get(holder.state, "_store")
      : get(state, "_headers");
  const headers = headerMap(store, c, depth);
  if (headers) fields.push(["headers", headers]);
  const container = get(state, "_container");
  if (container instanceof PyList) {
    const parts = container.items.map(asBytes);
    if (parts.every((p) => p !== undefined)) {
      const body = concatBytes(parts as Uint8Array[]);
      if (c.budget.take()) fields.push(["body", bytesNode(body)]);
    } else fields.push(["body", c.node(container, depth + 1)]);
  }
  const module = i.name.startsWith("django.http.response.")
    ? "django.http"
    : i.name.slice(0, i.name.lastIndexOf("."));
  return object(`${module}.${short}`, undefined, [], fields);
};

const utc: Handler = () => object("django.utils.timezone.utc", "django.utils.timezone.utc");

const EXACT = new Map<string, Handler>([
  ["django.utils.functional._lazy_proxy_unpickle", lazy],
  ["django.db.models.base.model_unpickle", model],
  ["django.utils.timezone.UTC", utc],
]);

export function djangoHandler(name: string): Handler | undefined {
  if (!name.startsWith("django.")) return undefined;
  const exact = EXACT.get(name);
  if (exact) return exact;
  const dot = name.lastIndexOf(".");
  const module = name.slice(0, dot);
  const short = name.slice(dot + 1);
  if (module === "django.utils.safestring" && SAFE.has(short)) return safeString;
  if (
    (module === "django.http.response" || module === "django.template.response") &&
    short.endsWith("Response")
  )
    return response;
  if (
    (module === "django.http.response" || module === "django.template.response") &&
    short in STATUS
  )
    return response;
  return undefined;
}

export const isKnownDjangoCall = (name: string): boolean => djangoHandler(name) !== undefined;
