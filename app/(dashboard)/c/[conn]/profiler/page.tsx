import { ProfilerView } from "@/components/profiler/profiler-view";

export const metadata = { title: "Profiler · Keyscope" };

export default async function ProfilerPage({ params }: { params: Promise<{ conn: string }> }) {
  const { conn } = await params;
  return <ProfilerView conn={decodeURIComponent(conn)} />;
}
