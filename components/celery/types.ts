import type { celery, JsonOf } from "@/lib/endpoints";

// The Celery answers as the browser keeps them (bytes in their JSON form).
export type CeleryOverviewJson = JsonOf<typeof celery.overview>;
export type CeleryQueueJson = CeleryOverviewJson["queues"][number];
export type CeleryResultJson = JsonOf<typeof celery.results>["results"][number];
export type CeleryUnackedJson = JsonOf<typeof celery.unacked>["messages"][number];
