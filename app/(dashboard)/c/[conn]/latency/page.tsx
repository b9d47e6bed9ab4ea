import { LatencyView } from "@/components/latency/latency-view";

export const metadata = { title: "Latency · Keyscope" };

export default async function LatencyPage({ params }: { params: Promise<{ conn: string }> }) {
  const { conn } = await params;
  return <LatencyView conn={decodeURIComponent(conn)} />;
}
