// Amazon Connect → Switchboard: an "Invoke AWS Lambda function" block calls this with the contact
// flow event and gets Switchboard's flat answer back unchanged ($.External.offer, .dtmfKey, .prompt…).
// Parameters set in the block: point (ivr_offer | in_queue | post_call), customer (an opaque key such
// as $.Customer.ProfileId: the caller's number, CustomerEndpoint.Address, is never sent), callType,
// estimatedWaitSeconds. Env: SWITCHBOARD_URL, SWITCHBOARD_KEY (an API key with scope runtime).
export const handler = async (event) => {
  const { ContactData: contact, Parameters: p = {} } = event.Details;
  const body = {
    point: p.point ?? "ivr_offer",
    customer: p.customer,
    contactId: contact.ContactId, // Connect retries a Lambda: the same contact and point get the same answer
    callType: p.callType || undefined,
    queue: p.queue || contact.Queue?.Name || undefined,
    estimatedWaitSeconds: p.estimatedWaitSeconds ? Number(p.estimatedWaitSeconds) : undefined,
  };
  const response = await fetch(`${process.env.SWITCHBOARD_URL}/api/v1/decide`, {
    method: "POST",
    headers: { authorization: `Bearer ${process.env.SWITCHBOARD_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(2500), // Connect waits at most 8 s for a Lambda; leave it time to route
  });
  if (!response.ok) throw new Error(`Switchboard answered ${response.status}`); // the block's Error branch
  return response.json(); // flat strings only: what Connect's Lambda result accepts
};
