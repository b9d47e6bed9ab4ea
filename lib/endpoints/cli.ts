import { cliBody, cliResult, commandList } from "@/lib/schemas/cli";
import { connectionParams, dbParams } from "@/lib/schemas/connections";
import { CONN, DB, endpoint } from "./define";

// The console (docs/tools.md, "Console").

export const cli = endpoint({
  method: "POST",
  path: `${DB}/cli`,
  summary:
    "One command (`args`, or a redis-cli `line`); read-only mode refuses writes, dangerous ones need `confirm`",
  params: dbParams,
  body: cliBody,
  response: cliResult,
});

export const commands = endpoint({
  method: "GET",
  path: `${CONN}/commands`,
  summary: "The server's commands (COMMAND DOCS + COMMAND INFO), for completion and help",
  params: connectionParams,
  response: commandList,
});
