import "server-only";
import { ApiError } from "@/lib/errors";

// SLOWLOG, CLIENT, LATENCY and CONFIG are @admin commands: managed services (and ACL users
// without @admin) refuse them or rename them away. A refusal becomes one clear 403 that says
// which command and why, instead of a 502 with Redis's bare words.

const REFUSED = /^(NOPERM|ERR unknown command|ERR unknown subcommand)/i;

/** Runs `run`; a refusal of `command` by the server's ACL or configuration becomes 403 FORBIDDEN. */
export async function adminCommand<T>(command: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Error && e.name === "ReplyError" && REFUSED.test(e.message)) {
      throw new ApiError(
        "FORBIDDEN",
        `This Redis refuses ${command} to Keyscope's user (${e.message.split("\n")[0]}); managed services and ACL users without @admin often do.`,
      );
    }
    throw e;
  }
}

/** CONFIG GET of one numeric setting, or null where CONFIG is refused (the page then says so). */
export async function configNumber(
  client: { config(op: "GET", name: string): Promise<unknown> },
  name: string,
): Promise<number | null> {
  try {
    const reply = (await client.config("GET", name)) as unknown[];
    const n = Number(reply[1]);
    return reply.length >= 2 && Number.isFinite(n) ? n : null;
  } catch (e) {
    if (e instanceof Error && e.name === "ReplyError") return null;
    throw e;
  }
}
