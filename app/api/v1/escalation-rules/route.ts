import { configRoutes } from "@/lib/config/routes";

const routes = configRoutes("escalation_rule");

/** `GET /api/v1/escalation-rules` → `{ items }`; `POST` creates a draft (version 1). */
export const GET = routes.list;
export const POST = routes.create;
