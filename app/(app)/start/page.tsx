import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { homeFor } from "@/lib/navigation";

/** Where sign-in lands: each role's home page. */
export default async function StartPage() {
  const user = await requireUser();
  redirect(homeFor(user.role));
}
