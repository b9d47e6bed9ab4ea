// Pretty-prints JSON text by re-indenting its tokens, never by parsing numbers into doubles:
// 12345678901234567890 and 1.000000000000000001 come out exactly as stored.

/** The text re-indented, or null when it is not valid JSON. */
export function prettyJson(text: string, indent = 2): string | null {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return null; // scalars gain nothing from pretty-printing
  try {
    JSON.parse(trimmed);
  } catch {
    return null;
  }
  let out = "";
  let depth = 0;
  let inString = false;
  const newline = () => `\n${" ".repeat(depth * indent)}`;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i] as string;
    if (inString) {
      out += c;
      if (c === "\\") out += trimmed[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case "{":
      case "[": {
        const close = c === "{" ? "}" : "]";
        let j = i + 1;
        while (/\s/.test(trimmed[j] ?? "")) j++;
        if (trimmed[j] === close) {
          out += c + close;
          i = j;
        } else {
          depth++;
          out += c + newline();
        }
        break;
      }
      case "}":
      case "]":
        depth--;
        out += newline() + c;
        break;
      case ",":
        out += `,${newline()}`;
        break;
      case ":":
        out += ": ";
        break;
      default:
        if (!/\s/.test(c)) out += c;
    }
  }
  return out;
}
