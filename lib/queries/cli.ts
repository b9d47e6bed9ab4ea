// The console's command table (GET …/commands): fetched once per connection and kept, since a
// server's commands change only with a module load or a restart.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { cli } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

export function commandsQuery(conn: string) {
  return queryOptions({
    queryKey: qk.commands(conn),
    queryFn: ({ signal }) => request(cli.commands, { params: { conn }, signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
