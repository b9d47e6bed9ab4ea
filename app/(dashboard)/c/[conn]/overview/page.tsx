import { OverviewView } from "@/components/overview/overview-view";

export const metadata = { title: "Overview · Keyscope" };

export default async function OverviewPage({ params }: { params: Promise<{ conn: string }> }) {
  const { conn } = await params;
  return <OverviewView conn={decodeURIComponent(conn)} />;
}
