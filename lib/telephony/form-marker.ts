/** The hidden field that says a form is the telephony card (the settings page has several forms sharing one action). */
export const TELEPHONY_FORM_MARKER = "telephonySettings";
