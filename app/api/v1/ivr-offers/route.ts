import { configRoutes } from "@/lib/config/routes";

const routes = configRoutes("ivr_offer");

/** `GET /api/v1/ivr-offers` → `{ items }`; `POST` creates a draft (version 1). */
export const GET = routes.list;
export const POST = routes.create;
