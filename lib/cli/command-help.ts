import type { CommandArgument, CommandDoc } from "@/lib/schemas/cli";

// Completion and one-line help for the console's input, from GET …/commands. Client-safe.

/** An argument list in the docs' notation: `key [EX seconds | PX milliseconds] [GET]`. */
export function argumentSyntax(args: readonly CommandArgument[]): string {
  return args.map(one).join(" ");
}

function one(a: CommandArgument): string {
  const nested = a.arguments ?? [];
  let inner =
    a.type === "oneof"
      ? nested.map(one).join(" | ")
      : a.type === "block"
        ? nested.map(one).join(" ")
        : a.name;
  if (a.type === "oneof" && !a.optional) inner = `<${inner}>`;
  let text = a.token ? (a.type === "pure-token" ? a.token : `${a.token} ${inner}`) : inner;
  if (a.multiple) text = `${text} [${text} ...]`;
  return a.optional ? `[${text}]` : text;
}

/** The command the words typed so far name: a subcommand ("CONFIG SET") before its container. */
export function commandOf(
  words: readonly string[],
  docs: readonly CommandDoc[],
): CommandDoc | undefined {
  const [first = "", second = ""] = words.map((w) => w.toUpperCase());
  return docs.find((d) => d.name === `${first} ${second}`) ?? docs.find((d) => d.name === first);
}

/** Names that complete what is typed (the first word, or a container's subcommand). */
export function completions(line: string, docs: readonly CommandDoc[]): string[] {
  const words = line.trimStart().split(/\s+/);
  if (words.length === 1) {
    const prefix = (words[0] ?? "").toUpperCase();
    return [...new Set(docs.map((d) => d.name.split(" ")[0] as string))].filter((n) =>
      n.startsWith(prefix),
    );
  }
  if (words.length === 2) {
    const prefix = `${(words[0] ?? "").toUpperCase()} ${(words[1] ?? "").toUpperCase()}`;
    return docs.filter((d) => d.name.includes(" ") && d.name.startsWith(prefix)).map((d) => d.name);
  }
  return [];
}

/** The longest start all the names share. */
export function commonPrefix(names: readonly string[]): string {
  if (names.length === 0) return "";
  let prefix = names[0] as string;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
