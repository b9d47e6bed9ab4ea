import { AnalysisView } from "@/components/analysis/analysis-view";

export const metadata = { title: "Memory · Keyscope" };

export default async function AnalysisPage({ params }: { params: Promise<{ conn: string }> }) {
  const { conn } = await params;
  return <AnalysisView conn={decodeURIComponent(conn)} />;
}
