import { ReportView } from "@/components/analysis/report-view";

export const metadata = { title: "Memory report · Keyscope" };

export default async function ReportPage({
  params,
}: {
  params: Promise<{ conn: string; id: string }>;
}) {
  const { conn, id } = await params;
  return <ReportView conn={decodeURIComponent(conn)} id={id} />;
}
