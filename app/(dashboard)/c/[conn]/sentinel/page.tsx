import { SentinelView } from "@/components/sentinel/sentinel-view";

export const metadata = { title: "Sentinel · Keyscope" };

export default async function SentinelPage({ params }: { params: Promise<{ conn: string }> }) {
  const { conn } = await params;
  return <SentinelView conn={decodeURIComponent(conn)} />;
}
