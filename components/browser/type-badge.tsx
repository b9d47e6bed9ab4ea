import { Badge } from "@/components/ui/badge";
import { typeEntry } from "@/lib/redis-types";

/** The key's type as a short coloured badge; unknown module types in gray, by their name. */
export function TypeBadge({ type }: { type: string | undefined }) {
  if (!type) return <Badge className="w-11 justify-center opacity-40">…</Badge>;
  const entry = typeEntry(type);
  return (
    <Badge tone={entry?.tone ?? "gray"} className="w-11 justify-center">
      {entry?.badge ?? type.slice(0, 5)}
    </Badge>
  );
}
