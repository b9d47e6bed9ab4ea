import { handle } from "@/lib/api/route";
import { bytesToJson } from "@/lib/bytes";
import { cli } from "@/lib/endpoints";
import { type CliRequest, planRequest, runRequest } from "@/lib/redis/cli";

// The plan is made once, when the guard asks whether the request writes, and kept for the
// handler and the audit line (which names the command and its keys, never the values).
const plans = new WeakMap<Request, Promise<CliRequest>>();
const planOf = (req: Request, conn: string, body: Parameters<typeof planRequest>[1]) => {
  let found = plans.get(req);
  if (!found) {
    found = planRequest(conn, body);
    plans.set(req, found);
  }
  return found;
};
const described = new WeakMap<Request, CliRequest>();
// A DEL of 100,000 keys is one audit line: its first 100 keys and how many there were, not a
// line of megabytes.
const AUDIT_MAX_KEYS = 100;

// POST /api/connections/{conn}/db/{db}/cli – run one console command
export const POST = handle(
  cli.cli,
  async ({ conn, db, body, req }) => runRequest(conn, db, await planOf(req, conn, body), body),
  {
    action: "cli",
    async writes({ conn, body, req }) {
      const request = await planOf(req, conn, body);
      described.set(req, request);
      return request.plan.write && !request.plan.refusal;
    },
    describe({ req }) {
      const request = described.get(req);
      const keys = request?.keys ?? [];
      return {
        keys: keys.slice(0, AUDIT_MAX_KEYS).map(bytesToJson),
        detail: {
          command: request?.plan.name ?? "",
          ...(keys.length > AUDIT_MAX_KEYS && { keyCount: keys.length }),
        },
      };
    },
  },
);
