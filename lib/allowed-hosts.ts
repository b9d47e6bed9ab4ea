import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import { config, type KeyscopeConfig } from "@/lib/config";
import { hostNameOf, normaliseHostName } from "@/lib/host-names";

// Which names this server answers to, against DNS rebinding: a page on attacker.example can
// re-point its own name at 127.0.0.1, and the browser then sends Keyscope requests that are
// same-origin to that page (`Host: attacker.example:3000`, a matching Origin, its cookies
// none). Only the Host header tells them apart, so a request is answered only when its Host is
// one of this server's names: the loopback names, the address HOST listens on (when the
// operator chose one), and KEYSCOPE_ALLOWED_HOSTS. The port is not compared: a rebinding page
// uses the right port and a wrong name. Not `server-only`: proxy.ts imports it too (Node.js).

const LOOPBACK = ["localhost", "127.0.0.1", "::1"];
/** HOST values that listen on every interface: not a name anyone sends in Host. */
const WILDCARDS = new Set(["0.0.0.0", "::", "[::]"]);

// One set per parsed config (tests swap configs): a Set lookup per request.
const sets = new WeakMap<KeyscopeConfig, Set<string>>();

function allowedSet(c: KeyscopeConfig): Set<string> {
  let set = sets.get(c);
  if (!set) {
    set = new Set([...LOOPBACK, ...c.server.allowedHosts]);
    const listen = normaliseHostName(c.server.host);
    if (!WILDCARDS.has(c.server.host) && listen) set.add(listen);
    sets.set(c, set);
  }
  return set;
}

/** On HOST=0.0.0.0 (or ::) this machine's own addresses are its names too. */
function isOwnAddress(name: string): boolean {
  if (isIP(name) === 0) return false;
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (normaliseHostName(a.address) === name) return true;
  return false;
}

/** Whether a request's Host header names this server. */
export function isAllowedHost(header: string | null): boolean {
  const name = hostNameOf(header);
  if (name === null) return false;
  const c = config();
  if (allowedSet(c).has(name)) return true;
  return WILDCARDS.has(c.server.host) && isOwnAddress(name);
}

/** The refusal's message; the name is only repeated when it is a well-formed one. */
export function hostRefusal(header: string | null): string {
  const name = hostNameOf(header);
  return name === null
    ? "The request's Host header is missing or malformed."
    : `This server does not answer to the name "${name}" (a defence against DNS rebinding); if it is this server's, add it to KEYSCOPE_ALLOWED_HOSTS.`;
}
