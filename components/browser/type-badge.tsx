import { type BADGE_TONES, Badge } from "@/components/ui/badge";

const TONE_BY_TYPE: Record<string, keyof typeof BADGE_TONES> = {
  string: "blue",
  hash: "green",
  list: "amber",
  set: "violet",
  zset: "rose",
  stream: "teal",
};

const LABEL: Record<string, string> = { string: "str", stream: "strm", "ReJSON-RL": "json" };

export function TypeBadge({ type }: { type: string | undefined }) {
  if (!type) return <Badge className="w-11 justify-center opacity-40">…</Badge>;
  return (
    <Badge tone={TONE_BY_TYPE[type] ?? "gray"} className="w-11 justify-center">
      {LABEL[type] ?? type.slice(0, 5)}
    </Badge>
  );
}
