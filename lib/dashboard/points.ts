/** What each intervention point offers and the customer's usual path (DESIGN.md, "Intervention points"). */
import type { InterventionPoint } from "@/lib/domain";

export const POINT_OFFERS: Record<InterventionPoint, { offer: string; path: string }> = {
  web_nudge: { offer: "A chatbot shown prominently on the help pages, before the customer calls.", path: "click → chat" },
  ivr_offer: { offer: "In the IVR: “press 2 and we’ll text you a link to our chat assistant”.", path: "key → SMS → click → chat" },
  sms_link: { offer: "An SMS with a pre-authenticated chat link, sent outside a call.", path: "click → chat" },
  in_queue: { offer: "An SMS or message to a caller waiting in the phone queue.", path: "click → chat (the caller may hang up)" },
  post_call: { offer: "After a call, a follow-up that invites the customer to go digital first next time.", path: "click → chat" },
};
