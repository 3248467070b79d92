import { escapeXml } from "./twiml";

/*
 * The pages a chat link opens (docs/adr/025), for the workspace's customers on their phones: plain
 * HTML with its own small stylesheet and no script at all, so a tap on "Continue to chat" is a
 * form POST that works on any browser, and nothing of the dashboard is loaded. The GET page
 * consumes nothing: link previewers and scanners fetch links before people do.
 */

export type LinkPage =
  | { kind: "confirm"; company: string; action: string }
  | { kind: "used" | "expired"; company: string; chatUrl: string | null }
  | { kind: "unknown" }
  | { kind: "unavailable"; company: string };

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100dvh;display:flex;align-items:center;justify-content:center;background:#f6f7f9;color:#111827;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;padding:24px}
main{width:100%;max-width:26rem;background:#fff;border:1px solid #e3e6eb;border-radius:12px;padding:28px 24px}
.company{margin:0 0 6px;font-size:14px;font-weight:600;color:#5b6472}
h1{margin:0;font-size:22px;line-height:1.3;font-weight:650}
p{margin:10px 0 0;color:#374151}
form{margin:24px 0 0}
button,.button{display:block;width:100%;min-height:48px;border:0;border-radius:8px;background:#4338ca;color:#fff;font:inherit;font-weight:600;
text-align:center;text-decoration:none;padding:12px 16px;cursor:pointer}
button:hover,.button:hover{background:#3730a3}
button:focus-visible,.button:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}
.button{margin-top:24px}
.fine{margin-top:16px;font-size:13px;color:#5b6472}
`;

function content(page: LinkPage): { title: string; body: string } {
  const company = page.kind === "unknown" ? "" : `<p class="company">${escapeXml(page.company)}</p>`;
  switch (page.kind) {
    case "confirm":
      return {
        title: "Continue to chat",
        body: `${company}<h1>Chat with our assistant</h1>
<p>Tap the button to open the chat. It picks up where your call left off.</p>
<form method="post" action="${escapeXml(page.action)}"><button type="submit">Continue to chat</button></form>
<p class="fine">This link works once and only for a short time.</p>`,
      };
    case "used":
    case "expired": {
      const title = page.kind === "used" ? "This link has already been used" : "This link has expired";
      const chat = page.chatUrl ? `<a class="button" href="${escapeXml(page.chatUrl)}">Start a new chat</a>` : "";
      return {
        title,
        body: `${company}<h1>${title}</h1>
<p>Chat links work once, for an hour, so that nobody else can continue your conversation.${page.chatUrl ? " You can still start a new chat:" : " Please call us again or visit our website."}</p>${chat}`,
      };
    }
    case "unavailable":
      return {
        title: "Chat is not available",
        body: `${company}<h1>Chat is not available right now</h1>
<p>We are sorry: the chat cannot be opened at the moment. Please call us again.</p>`,
      };
    case "unknown":
      return {
        title: "This link does not work",
        body: `<h1>This link does not work</h1>
<p>Check that the whole link from the text message was opened. Chat links work once and only for a short time.</p>`,
      };
  }
}

export function linkPageHtml(page: LinkPage): string {
  const { title, body } = content(page);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeXml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * The policy of these pages: nothing may load or run but their own inline style, and the form may
 * only post to the app and go on to the chat's origin (a form's redirect is held to form-action).
 */
export function linkPageSecurityPolicy(chatUrl: string | null): string {
  const chatOrigin = chatUrl && URL.canParse(chatUrl) ? ` ${new URL(chatUrl).origin}` : "";
  return `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${chatOrigin}; base-uri 'none'; frame-ancestors 'none'`;
}
