import { handle } from "@/lib/api/route";
import { cluster } from "@/lib/endpoints";
import { readCluster } from "@/lib/redis/cluster-info";

// GET /api/connections/{conn}/cluster – nodes with their figures, slot ranges and CLUSTER INFO (404 unless a cluster)
export const GET = handle(cluster.cluster, async ({ conn }) => readCluster(conn));
