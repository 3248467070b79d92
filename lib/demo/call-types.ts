import { callTypeNameFromSlug } from "@/lib/domain";

/**
 * The demo workspace's call types: the 77 intents of PolyAI's banking77 data set (CC BY 4.0),
 * each with how often customers need it, how well the demo bot handles it, and what a phone call
 * about it costs when that differs from the workspace default.
 */

/**
 * How well the bot resolves a call type. `absent`: the bot never engages (no `chat.started`),
 * so the call type shows as "uncovered" in knowledge parity.
 */
export type BotStrength = "strong" | "medium" | "weak" | "absent";

/** Resolution probability ranges (resolved / engaged) per strength. */
export const BOT_RESOLUTION_RANGES: Record<BotStrength, readonly [number, number]> = {
  strong: [0.8, 0.9],
  medium: [0.55, 0.7],
  weak: [0.2, 0.4],
  absent: [0, 0],
};

export const DEMO_QUEUES = ["cards", "payments", "transfers", "top_ups", "account", "security"] as const;
export type DemoQueue = (typeof DEMO_QUEUES)[number];

export interface DemoCallType {
  slug: string;
  /** The category label in the banking77 files (two are not valid slugs there). */
  banking77Category: string;
  name: string;
  /** Relative demand: how many customer needs of this type per need of weight 1. */
  weight: number;
  strength: BotStrength;
  /** Probability that a bot chat about this type ends resolved; fixed per type inside its strength's range. */
  resolutionRate: number;
  /** Phone cost per call in the workspace currency, or null for the workspace default. */
  phoneCost: number | null;
  /** The phone queue that answers it. */
  queue: DemoQueue;
}

/** "Refund_not_showing_up" → "refund_not_showing_up", "reverted_card_payment?" → "reverted_card_payment". */
export function slugFromBanking77Category(category: string): string {
  return category
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Names where `callTypeNameFromSlug` reads badly (acronyms, brands, "top up" as a noun, word order). */
const READABLE_NAMES: Record<string, string> = {
  atm_support: "ATM support",
  pin_blocked: "PIN blocked",
  change_pin: "Change PIN",
  apple_pay_or_google_pay: "Apple Pay or Google Pay",
  visa_or_mastercard: "Visa or Mastercard",
  automatic_top_up: "Automatic top-up",
  pending_top_up: "Pending top-up",
  top_up_limits: "Top-up limits",
  top_up_reverted: "Top-up reverted",
  top_up_failed: "Top-up failed",
  verify_top_up: "Verify top-up",
  topping_up_by_card: "Top-up by card",
  top_up_by_cash_or_cheque: "Top-up by cash or cheque",
  top_up_by_card_charge: "Charge for top-up by card",
  top_up_by_bank_transfer_charge: "Charge for top-up by bank transfer",
  card_payment_wrong_exchange_rate: "Wrong exchange rate on card payment",
  wrong_exchange_rate_for_cash_withdrawal: "Wrong exchange rate on cash withdrawal",
  getting_virtual_card: "Get a virtual card",
  get_disposable_virtual_card: "Get a disposable virtual card",
  getting_spare_card: "Get a spare card",
  card_swallowed: "Card swallowed by ATM",
  why_verify_identity: "Why identity verification is needed",
  verify_my_identity: "Verify identity",
  activate_my_card: "Activate card",
  passcode_forgotten: "Forgotten passcode",
  request_refund: "Request a refund",
  balance_not_updated_after_cheque_or_cash_deposit: "Balance not updated after cheque or cash deposit",
};

/**
 * [banking77 category, demand weight, strength, phone cost override, queue], in the order of
 * categories.json. Weights: card delivery, lost cards and missing transfers dominate, as in a
 * real card issuer's contact reasons; the long tail is informational.
 */
const TABLE: ReadonlyArray<readonly [string, number, BotStrength, number | null, DemoQueue]> = [
  ["card_arrival", 60, "strong", null, "cards"],
  ["card_linking", 4, "strong", null, "cards"],
  ["exchange_rate", 8, "strong", null, "payments"],
  ["card_payment_wrong_exchange_rate", 6, "weak", null, "payments"],
  ["extra_charge_on_statement", 7, "medium", null, "payments"],
  ["pending_cash_withdrawal", 6, "strong", null, "payments"],
  ["fiat_currency_support", 2, "strong", null, "account"],
  ["card_delivery_estimate", 16, "strong", null, "cards"],
  ["automatic_top_up", 3, "strong", null, "top_ups"],
  ["card_not_working", 16, "medium", null, "cards"],
  ["exchange_via_app", 3, "strong", null, "payments"],
  ["lost_or_stolen_card", 40, "weak", 8.75, "security"],
  ["age_limit", 2, "strong", null, "account"],
  ["pin_blocked", 12, "medium", null, "cards"],
  ["contactless_not_working", 6, "medium", null, "cards"],
  ["top_up_by_bank_transfer_charge", 3, "strong", null, "top_ups"],
  ["pending_top_up", 18, "strong", null, "top_ups"],
  ["cancel_transfer", 9, "medium", null, "transfers"],
  ["top_up_limits", 3, "strong", null, "top_ups"],
  ["wrong_amount_of_cash_received", 7, "weak", null, "payments"],
  ["card_payment_fee_charged", 6, "strong", null, "payments"],
  ["transfer_not_received_by_recipient", 45, "weak", null, "transfers"],
  ["supported_cards_and_currencies", 3, "strong", null, "account"],
  ["getting_virtual_card", 4, "strong", null, "cards"],
  ["card_acceptance", 3, "strong", null, "cards"],
  ["top_up_reverted", 7, "medium", null, "top_ups"],
  ["balance_not_updated_after_cheque_or_cash_deposit", 8, "weak", null, "account"],
  ["card_payment_not_recognised", 25, "absent", 8.5, "security"],
  ["edit_personal_details", 5, "strong", null, "account"],
  ["why_verify_identity", 3, "strong", null, "account"],
  ["unable_to_verify_identity", 7, "weak", null, "account"],
  ["get_physical_card", 4, "strong", null, "cards"],
  ["visa_or_mastercard", 2, "strong", null, "cards"],
  ["topping_up_by_card", 4, "strong", null, "top_ups"],
  ["disposable_card_limits", 2, "strong", null, "cards"],
  ["compromised_card", 15, "absent", 9.5, "security"],
  ["atm_support", 4, "strong", null, "cards"],
  ["direct_debit_payment_not_recognised", 10, "absent", 8, "security"],
  ["passcode_forgotten", 6, "medium", null, "account"],
  ["declined_cash_withdrawal", 7, "medium", null, "payments"],
  ["pending_card_payment", 25, "strong", null, "payments"],
  ["lost_or_stolen_phone", 6, "absent", 8.5, "security"],
  ["request_refund", 12, "medium", null, "payments"],
  ["declined_transfer", 8, "medium", null, "transfers"],
  ["Refund_not_showing_up", 14, "medium", null, "payments"],
  ["declined_card_payment", 22, "medium", null, "payments"],
  ["pending_transfer", 30, "strong", null, "transfers"],
  ["terminate_account", 5, "medium", 7.5, "account"],
  ["card_swallowed", 5, "weak", null, "cards"],
  ["transaction_charged_twice", 12, "weak", null, "payments"],
  ["verify_source_of_funds", 4, "medium", null, "account"],
  ["transfer_timing", 8, "strong", null, "transfers"],
  ["reverted_card_payment?", 6, "medium", null, "payments"],
  ["change_pin", 10, "strong", null, "cards"],
  ["beneficiary_not_allowed", 4, "medium", null, "transfers"],
  ["transfer_fee_charged", 5, "strong", null, "transfers"],
  ["receiving_money", 4, "strong", null, "transfers"],
  ["failed_transfer", 10, "medium", null, "transfers"],
  ["transfer_into_account", 4, "strong", null, "transfers"],
  ["verify_top_up", 3, "strong", null, "top_ups"],
  ["getting_spare_card", 2, "strong", null, "cards"],
  ["top_up_by_cash_or_cheque", 3, "strong", null, "top_ups"],
  ["order_physical_card", 4, "strong", null, "cards"],
  ["virtual_card_not_working", 4, "medium", null, "cards"],
  ["wrong_exchange_rate_for_cash_withdrawal", 4, "weak", null, "payments"],
  ["get_disposable_virtual_card", 3, "strong", null, "cards"],
  ["top_up_failed", 18, "medium", null, "top_ups"],
  ["balance_not_updated_after_bank_transfer", 22, "medium", null, "transfers"],
  ["cash_withdrawal_not_recognised", 12, "absent", 9, "security"],
  ["exchange_charge", 4, "strong", null, "payments"],
  ["top_up_by_card_charge", 3, "strong", null, "top_ups"],
  ["activate_my_card", 14, "strong", null, "cards"],
  ["cash_withdrawal_charge", 4, "strong", null, "payments"],
  ["card_about_to_expire", 3, "strong", null, "cards"],
  ["apple_pay_or_google_pay", 5, "strong", null, "cards"],
  ["verify_my_identity", 6, "strong", null, "account"],
  ["country_support", 2, "strong", null, "account"],
];

/** A stable fraction in [0, 1) from a slug (FNV-1a), so each type's rate is fixed, not seeded. */
function slugFraction(slug: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) {
    hash ^= slug.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

export const DEMO_CALL_TYPES: readonly DemoCallType[] = TABLE.map(([category, weight, strength, phoneCost, queue]) => {
  const slug = slugFromBanking77Category(category);
  const [low, high] = BOT_RESOLUTION_RANGES[strength];
  return {
    slug,
    banking77Category: category,
    name: READABLE_NAMES[slug] ?? callTypeNameFromSlug(slug),
    weight,
    strength,
    resolutionRate: Math.round((low + (high - low) * slugFraction(slug)) * 1000) / 1000,
    phoneCost,
    queue,
  };
});

export const DEMO_CALL_TYPES_BY_SLUG: ReadonlyMap<string, DemoCallType> = new Map(DEMO_CALL_TYPES.map((callType) => [callType.slug, callType]));

/**
 * The call types the demo's IVR offer ("press 2 for a chat link") targets: status and how-to
 * questions the bot answers well or fairly well, together about half of demand. Their agent calls fall once the
 * offer goes live halfway through the demo period.
 */
export const DEMO_IVR_OFFER_CALL_TYPES: readonly string[] = [
  "card_arrival",
  "card_delivery_estimate",
  "pending_transfer",
  "transfer_timing",
  "pending_card_payment",
  "pending_top_up",
  "activate_my_card",
  "change_pin",
  "top_up_failed",
  "balance_not_updated_after_bank_transfer",
  "declined_card_payment",
  "card_not_working",
  "pin_blocked",
  "refund_not_showing_up",
  "request_refund",
  "failed_transfer",
  "cancel_transfer",
  "exchange_rate",
  "top_up_reverted",
  "pending_cash_withdrawal",
  "verify_my_identity",
];
