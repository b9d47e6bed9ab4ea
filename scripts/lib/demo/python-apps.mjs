import { PyFloat, PyObject, PyTuple, pickle, pyJson, pyRepr } from "../python-formats.mjs";
import { writer } from "./pipeline.mjs";
import {
  ADJECTIVES,
  DOC_SECTIONS,
  FIRST_NAMES,
  isoPy,
  md5,
  PRODUCTS,
  pick,
  range,
  slug,
} from "./words.mjs";

/**
 * @typedef {import("./pipeline.mjs").Ctx} Ctx
 * @typedef {import("./pipeline.mjs").Pipeline} Pipeline
 * @typedef {import("./pipeline.mjs").Redis} Redis
 * @typedef {import("./words.mjs").Rng} Rng
 */
/**
 * django-redis cache entries as `cache_page`, the `{% cache %}` tag and `cache.set` write them:
 * keys `:1:<key>` and pickled values.
 * @param {Ctx} ctx
 */
export async function seedDjangoCache({ redis, rng, now }) {
  const w = writer(redis);
  const paths = [
    "/",
    "/pricing/",
    "/about/",
    "/blog/",
    ...range(60).map((i) => `/blog/${slug(rng)}-${i}/`),
    ...range(60).map((i) => `/products/${1000 + i}/`),
    ...range(26).map((i) => `/docs/${pick(rng, DOC_SECTIONS)}/${i}/`),
  ];
  let keys = 0;
  for (const path of paths) {
    // cache_page keys: md5 of the absolute URL, then md5 of the Vary header values.
    const urlHash = md5(`https://shop.example.com${path}`);
    const vary = rng.next() < 0.7 ? [] : ["HTTP_COOKIE"];
    const varyHash = md5(vary.length ? `sessionid=${rng.alnum(32)}` : "");
    const ttl = rng.int(60, 3600);
    const suffix = "en-us.UTC";
    await w.add((p) => {
      p.set(
        `:1:views.decorators.cache.cache_header..${urlHash}.${suffix}`,
        pickle(vary),
        "EX",
        ttl,
      );
      p.set(
        `:1:views.decorators.cache.cache_page..GET.${urlHash}.${varyHash}.${suffix}`,
        pickle(httpResponse(path, ttl, now)),
        "EX",
        ttl,
      );
    });
    keys += 2;
  }
  for (let i = 0; i < 80; i++) {
    const fragment = pick(rng, ["sidebar", "footer", "nav", "product_card", "recent_posts"]);
    // The tag's key is md5 of its vary_on values; `i` keeps the 80 keys distinct.
    const varyOn = fragment === "product_card" ? String(1000 + i) : `user:${i + 1}`;
    const html = `<div class="${fragment.replace("_", "-")}">…${rng.alnum(12)}…</div>`;
    const value = pickle(new PyObject("django.utils.safestring", "SafeString", [html]));
    await w.add((p) =>
      p.set(`:1:template.cache.${fragment}.${md5(varyOn)}`, value, "EX", rng.int(60, 3600)),
    );
    keys++;
  }
  // Plain cache.set values of several Python types, as a view's low-level caching would leave.
  for (let i = 0; i < 120; i++) {
    const id = 100 + i;
    const value = {
      id,
      name: `${pick(rng, ADJECTIVES)} ${pick(rng, PRODUCTS)}`,
      price: new PyFloat(rng.int(199, 49999) / 100),
      tags: [pick(rng, ADJECTIVES).toLowerCase(), "sale"],
      updated: new Date(now - rng.int(0, 30 * 86400) * 1000),
    };
    await w.add((p) => p.set(`:1:product:${id}`, pickle(value), "EX", rng.int(60, 3600)));
    keys++;
  }
  await w.flush();
  return keys;
}

/**
 * A pickled `django.http.HttpResponse`, shaped like the fixture's cache_page entry.
 * @param {string} path
 * @param {number} maxAge
 * @param {number} now
 */
export function httpResponse(path, maxAge, now) {
  /** @type {(name: string, value: string) => PyTuple} */
  const header = (name, value) => new PyTuple([name, value]);
  const headers = new PyObject("django.http.response", "ResponseHeaders", [], {
    _store: {
      "content-type": header("Content-Type", "text/html; charset=utf-8"),
      expires: header("Expires", new Date(now + maxAge * 1000).toUTCString()),
      "cache-control": header("Cache-Control", `max-age=${maxAge}`),
    },
  });
  return new PyObject("django.http.response", "HttpResponse", [], {
    headers,
    _charset: null,
    _resource_closers: [],
    _handler_class: null,
    cookies: new PyObject("http.cookies", "SimpleCookie"),
    closed: false,
    _reason_phrase: null,
    _container: [Buffer.from(`<html><body><h1>${path}</h1><p>Rendered page.</p></body></html>`)],
  });
}

/**
 * Cache-backed sessions (SESSION_ENGINE = "django.contrib.sessions.backends.cache").
 * @param {Ctx} ctx
 */
export async function seedDjangoSessions({ redis, rng, now }) {
  const w = writer(redis);
  const n = 300;
  for (let i = 0; i < n; i++) {
    const session = rng.next() < 0.75 ? loggedInSession(rng, now) : anonymousSession(rng);
    const key = `:1:django.contrib.sessions.cache${rng.alnum(32)}`;
    await w.add((p) => p.set(key, pickle(session), "EX", 1209600));
  }
  await w.flush();
  return n;
}

/**
 * @param {Rng} rng
 * @param {number} now
 */
export function loggedInSession(rng, now) {
  return {
    _auth_user_id: String(rng.int(1, 2000)),
    _auth_user_backend: "django.contrib.auth.backends.ModelBackend",
    _auth_user_hash: rng.hex(64),
    cart: range(rng.int(0, 4)).map(() => `${pick(rng, PRODUCTS).toLowerCase()}-${rng.int(1, 99)}`),
    last_visit: new Date(now - rng.int(0, 14 * 86400) * 1000),
  };
}

/** @param {Rng} rng */
export function anonymousSession(rng) {
  return { django_language: pick(rng, ["en", "de", "fr", "ja"]), visits: rng.int(1, 40) };
}

/**
 * A Celery app on kombu's Redis transport: the default queue (a list, LPUSHed by producers),
 * a priority sub-queue `<queue>\x06\x16<step>`, the exchange binding set, messages a worker has
 * prefetched (`unacked` + `unacked_index`) and `celery-task-meta-*` results.
 * @param {Ctx} ctx
 */
export async function seedCelery({ redis, rng, now }) {
  const w = writer(redis, 200);
  const producer = { origin: `${rng.int(1000, 99999)}@web-1`, replyTo: rng.uuid() };
  const queued = range(200).map(() => celeryMessage(rng, producer, "celery", 0, now));
  // Producers LPUSH and workers BRPOP, so the oldest message is on the right.
  await w.add((p) => p.lpush("celery", ...queued.map((m) => pyJson(m))));
  const urgent = range(12).map(() => celeryMessage(rng, producer, "celery", 3, now));
  await w.add((p) => p.lpush("celery\x06\x163", ...urgent.map((m) => pyJson(m))));
  await w.add((p) => p.sadd("_kombu.binding.celery", "celery\x06\x16\x06\x16celery"));

  for (const m of range(4).map(() => celeryMessage(rng, producer, "celery", 0, now))) {
    const tag = m.properties.delivery_tag;
    await w.add((p) => {
      p.hset("unacked", tag, pyJson([m, "", "celery"]));
      p.zadd("unacked_index", String((now - rng.int(1, 300_000)) / 1000), tag);
    });
  }

  const results = 150;
  for (let i = 0; i < results; i++) {
    const id = rng.uuid();
    const meta = rng.next() < 0.1 ? failedResult(rng, id, now) : successResult(rng, id, now);
    await w.add((p) => p.set(`celery-task-meta-${id}`, pyJson(meta), "EX", 86400));
  }
  await w.flush();
  return 5 + results;
}

/**
 * A kombu message envelope exactly as Celery 5 protocol 2 sends it (see the fixture).
 * @param {Rng} rng
 * @param {{ origin: string, replyTo: string }} producer
 * @param {string} queue
 * @param {number} priority
 * @param {number} now
 */
export function celeryMessage(rng, producer, queue, priority, now) {
  const id = rng.uuid();
  const [task, args, kwargs] = celeryTask(rng);
  const body = [args, kwargs, { callbacks: null, errbacks: null, chain: null, chord: null }];
  const eta = rng.next() < 0.1 ? isoPy(now + rng.int(60, 3600) * 1000) : null;
  return {
    body: Buffer.from(pyJson(body)).toString("base64"),
    "content-encoding": "utf-8",
    "content-type": "application/json",
    headers: {
      lang: "py",
      task,
      id,
      shadow: null,
      eta,
      expires: null,
      group: null,
      group_index: null,
      retries: rng.next() < 0.05 ? rng.int(1, 3) : 0,
      timelimit: [null, null],
      root_id: id,
      parent_id: null,
      argsrepr: pyRepr(new PyTuple(args)),
      kwargsrepr: pyRepr(kwargs),
      origin: producer.origin,
      ignore_result: false,
      replaced_task_nesting: 0,
      stamped_headers: null,
      stamps: {},
    },
    properties: {
      correlation_id: id,
      reply_to: producer.replyTo,
      delivery_mode: 2,
      delivery_info: { exchange: "", routing_key: queue },
      priority,
      body_encoding: "base64",
      delivery_tag: rng.uuid(),
    },
  };
}

/**
 * @returns {[string, unknown[], Record<string, unknown>]}
 * @param {Rng} rng
 */
export function celeryTask(rng) {
  const user = rng.int(1, 2000);
  switch (rng.int(0, 4)) {
    case 0:
      return ["app.tasks.send_email", [user], { template: pick(rng, ["welcome", "receipt"]) }];
    case 1:
      return ["app.tasks.resize_image", [rng.int(1, 90000)], { sizes: [64, 256, 1024] }];
    case 2:
      return ["app.tasks.sync_stripe_customer", [`cus_${rng.alnum(14)}`], {}];
    case 3:
      return ["app.tasks.generate_invoice_pdf", [user, rng.int(1, 50000)], { email: true }];
    default:
      return ["app.tasks.cleanup_expired_carts", [], { older_than_days: 30 }];
  }
}

/**
 * @param {Rng} rng
 * @param {string} id
 * @param {number} now
 */
export function successResult(rng, id, now) {
  return {
    status: "SUCCESS",
    result: { sent: true, to: `${pick(rng, FIRST_NAMES).toLowerCase()}@example.org` },
    traceback: null,
    children: [],
    date_done: isoPy(now - rng.int(0, 86_000) * 1000),
    task_id: id,
  };
}

/**
 * @param {Rng} rng
 * @param {string} id
 * @param {number} now
 */
export function failedResult(rng, id, now) {
  const message = pick(rng, ["image too large", "SMTP server unavailable", "card_declined"]);
  return {
    status: "FAILURE",
    result: { exc_type: "ValueError", exc_message: [message], exc_module: "builtins" },
    traceback: `Traceback (most recent call last):\n  File "/app/app/tasks.py", line ${rng.int(20, 400)}, in run\n    raise ValueError(${pyRepr(message)})\nValueError: ${message}\n`,
    children: [],
    date_done: isoPy(now - rng.int(0, 86_000) * 1000),
    task_id: id,
  };
}

/** App data of every Redis type: user hashes, a leaderboard, an event stream, a set, a list. */
