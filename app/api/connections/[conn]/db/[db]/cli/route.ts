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
      return {
        keys: (request?.keys ?? []).map(bytesToJson),
        detail: { command: request?.plan.name ?? "" },
      };
    },
  },
);
