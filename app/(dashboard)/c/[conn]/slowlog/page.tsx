import { SlowlogView } from "@/components/slowlog/slowlog-view";

export const metadata = { title: "Slowlog · Keyscope" };

export default async function SlowlogPage({ params }: { params: Promise<{ conn: string }> }) {
  const { conn } = await params;
  return <SlowlogView conn={decodeURIComponent(conn)} />;
}
