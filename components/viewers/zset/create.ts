import type { CreateForm } from "../shared/create-form";
import { parseScore } from "./zset-member";

export const zsetCreate: CreateForm<"zset"> = {
  input: { kind: "pairs", labels: ["Member", "Score"], narrowSecond: true },
  body: ({ key, ttl, pairs }) => {
    if (pairs.length === 0) return "A sorted set needs at least one member.";
    const members: [string, number | "inf" | "-inf"][] = [];
    for (const [member, text] of pairs) {
      const score = parseScore(text);
      if (score === null) return `The score of “${member}” is not a number.`;
      members.push([member, score]);
    }
    return { type: "zset", key, members, ttl };
  },
};
