import { configRoutes } from "@/lib/config/routes";

const routes = configRoutes("sms_template");

/** `GET /api/v1/sms-templates` → `{ items }`; `POST` creates a draft (version 1). */
export const GET = routes.list;
export const POST = routes.create;
