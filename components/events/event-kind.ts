import type { BADGE_TONES } from "@/components/ui/badge";

// An event's badge colour by what it does to the key: writes blue, deletes red, expiry amber (a TTL change teal),
// eviction rose, creation green, renames violet; anything else (module events) grey.

type Tone = keyof typeof BADGE_TONES;

export function eventTone(event: string): Tone {
  if (event === "del" || event === "hdel") return "red";
  if (event === "expired" || event === "hexpired") return "amber";
  if (
    event === "expire" ||
    event === "persist" ||
    event.startsWith("hexpire") ||
    event === "hpersist"
  )
    return "amber";
  if (event === "evicted") return "rose";
  if (event === "new") return "green";
  if (
    event.startsWith("rename") ||
    event === "move_from" ||
    event === "move_to" ||
    event === "copy_to"
  )
    return "violet";
  if (event === "set" || /^(h|l|r|s|z|x)/.test(event) || event === "incrby" || event === "append")
    return "blue";
  return "gray";
}
