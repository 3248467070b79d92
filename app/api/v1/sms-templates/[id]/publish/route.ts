import { configRoutes } from "@/lib/config/routes";

/** `POST …/{id}/publish` with `{ version? }`: the latest version, or the named one (roll back). */
export const POST = configRoutes("sms_template").publish;
