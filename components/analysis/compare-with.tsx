"use client";
import { useRouter } from "next/navigation";
import { Select } from "@/components/ui/input";
import { useAnalysisList } from "@/hooks/use-analysis";

/** "Compare with…": the other saved reports; picking one opens the comparison. */
export function CompareWith({ conn, id }: { conn: string; id: string }) {
  const router = useRouter();
  const list = useAnalysisList(conn);
  const others = (list.data?.reports ?? []).filter((r) => r.id !== id);
  if (others.length === 0) return null;
  return (
    <Select
      aria-label="Compare with"
      value=""
      className="text-xs"
      onChange={(e) =>
        router.push(`/c/${encodeURIComponent(conn)}/analysis/${id}/compare/${e.target.value}`)
      }
    >
      <option value="">Compare with…</option>
      {others.map((r) => (
        <option key={r.id} value={r.id}>
          db{r.db} · {r.mode} · {new Date(r.createdAt * 1000).toLocaleString()}
        </option>
      ))}
    </Select>
  );
}
