import { PubsubView } from "@/components/pubsub/pubsub-view";

export const metadata = { title: "Pub/Sub · Keyscope" };

export default async function PubsubPage({ params }: { params: Promise<{ conn: string }> }) {
  const { conn } = await params;
  return <PubsubView conn={decodeURIComponent(conn)} />;
}
