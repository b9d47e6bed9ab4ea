import { ClientsView } from "@/components/clients/clients-view";

export const metadata = { title: "Clients · Keyscope" };

export default async function ClientsPage({ params }: { params: Promise<{ conn: string }> }) {
  const { conn } = await params;
  return <ClientsView conn={decodeURIComponent(conn)} />;
}
