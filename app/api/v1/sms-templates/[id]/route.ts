import { configRoutes } from "@/lib/config/routes";

const routes = configRoutes("sms_template");

/** One item: `GET`, `PUT` with the `version` it edits (409 when stale), `DELETE`. */
export const GET = routes.get;
export const PUT = routes.update;
export const DELETE = routes.remove;
