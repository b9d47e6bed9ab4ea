import { CompareView } from "@/components/analysis/compare-view";

export const metadata = { title: "Memory comparison · Keyscope" };

export default async function ComparePage({
  params,
}: {
  params: Promise<{ conn: string; id: string; other: string }>;
}) {
  const { conn, id, other } = await params;
  return <CompareView conn={decodeURIComponent(conn)} id={id} other={other} />;
}
