import { ClusterView } from "@/components/cluster/cluster-view";

export const metadata = { title: "Cluster · Keyscope" };

export default async function ClusterPage({ params }: { params: Promise<{ conn: string }> }) {
  const { conn } = await params;
  return <ClusterView conn={decodeURIComponent(conn)} />;
}
