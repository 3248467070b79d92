import { configRoutes } from "@/lib/config/routes";

/** `GET …/{id}/versions` → `{ items }`: every saved version, newest first. */
export const GET = configRoutes("ivr_offer").versions;
