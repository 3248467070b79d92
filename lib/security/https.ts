/** What a request says about how the browser reached the app. */
export interface RequestTransport {
  /** The protocol of the URL the server saw (`https:` when Node itself served TLS). */
  protocol?: string | null;
  /** `X-Forwarded-Proto` from the proxy that terminates TLS: `https`, or a list such as `https,http`. */
  forwardedProto?: string | null;
  /** The public address of the app (`NEXTAUTH_URL`), when the operator set one. */
  publicUrl?: string | null;
}

/**
 * Whether browsers reach the app over https: the request came over TLS, the first proxy in front
 * of it says so, or the operator declared an https address. It decides `Strict-Transport-Security`
 * and the `Secure` flag of the cookies the app sets itself. A client that fakes the proxy's header
 * on plain http only gets a header its browser ignores and a cookie it will not send back.
 */
export function servedOverHttps({ protocol, forwardedProto, publicUrl }: RequestTransport): boolean {
  if (protocol === "https:") return true;
  if (forwardedProto?.split(",", 1)[0].trim().toLowerCase() === "https") return true;
  return Boolean(publicUrl && URL.canParse(publicUrl) && new URL(publicUrl).protocol === "https:");
}

/** The origin browsers use for the app: the operator's public address, else the request's host. */
export function appOrigin({ publicUrl, forwardedProto, protocol, host }: RequestTransport & { host?: string | null }): string | null {
  if (publicUrl && URL.canParse(publicUrl)) return new URL(publicUrl).origin;
  // A Host header with a path, credentials, a query or spaces in it is not a host.
  if (!host || /[/\\?#@\s]/.test(host)) return null;
  const candidate = `${servedOverHttps({ protocol, forwardedProto }) ? "https" : "http"}://${host}`;
  return URL.canParse(candidate) ? new URL(candidate).origin : null;
}
