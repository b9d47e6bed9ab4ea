import { EventsView } from "@/components/events/events-view";

export const metadata = { title: "Keyspace events · Keyscope" };

export default async function EventsPage({
  params,
}: {
  params: Promise<{ conn: string; db: string }>;
}) {
  const { conn, db } = await params;
  return <EventsView conn={decodeURIComponent(conn)} db={Number(db)} />;
}
