// npm run email:dev – preview every email template with its PreviewProps (dev tooling).
//
//   PORT=3001 npm run email:dev
//
//   /               all templates, with their subjects and categories
//   /t/:name        the HTML part, as an email client would get it
//   /t/:name.txt    the plain-text part, after a "Subject:" line
//
// Notification templates render with a sample unsubscribe link, the way they are sent. Templates
// are imported once: restart after editing one (or use the in-app /dev/emails/templates pages,
// which reload with the dev server).
import { createServer, type ServerResponse } from "node:http";

import {
  isNotification,
  isTemplateName,
  previewProps,
  renderEmail,
  templateCategory,
  templateNames,
  type TemplateName,
} from "@/lib/email/templates";

const port = Number(process.env.PORT || "3001");
const host = process.env.HOST || "127.0.0.1";
const SAMPLE_UNSUBSCRIBE_URL = "https://problemboard.app/email/unsubscribe?token=preview";

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got "${process.env.PORT}"`);
  process.exit(2);
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!,
  );
}

function renderPreview(name: TemplateName) {
  return renderEmail(name, previewProps(name), {
    unsubscribeUrl: isNotification(name) ? SAMPLE_UNSUBSCRIBE_URL : undefined,
  });
}

async function indexPage(): Promise<string> {
  const rows = await Promise.all(
    templateNames.map(async (name) => {
      const { subject } = await renderPreview(name);
      const href = `/t/${encodeURIComponent(name)}`;
      return `<tr><td><a href="${href}">${escapeHtml(name)}</a></td><td>${escapeHtml(subject)}</td><td>${templateCategory(name)}</td><td><a href="${href}.txt">text</a></td></tr>`;
    }),
  );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Email templates</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:.4rem .6rem;text-align:left}</style>
</head><body><h1>Email templates</h1>
<p>Rendered with each template's PreviewProps. Restart the server after editing a template.</p>
<table><thead><tr><th>Template</th><th>Subject</th><th>Category</th><th>Plain text</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></body></html>`;
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
  res.end(body);
}

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  const handle = async () => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(res, 405, "text/plain", "Method not allowed\n");
    }
    if (pathname === "/") return send(res, 200, "text/html", await indexPage());

    const match = /^\/t\/([^/]+?)(\.txt)?$/.exec(pathname);
    const name = match ? decodeURIComponent(match[1]!) : "";
    if (!match || !isTemplateName(name)) {
      return send(res, 404, "text/plain", `No such template: ${pathname}\n`);
    }
    const email = await renderPreview(name);
    if (match[2])
      return send(res, 200, "text/plain", `Subject: ${email.subject}\n\n${email.text}\n`);
    return send(res, 200, "text/html", email.html);
  };
  handle().catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, "text/plain", `${String(error)}\n`);
    else res.end();
  });
});

server.on("error", (error) => {
  console.error("Could not start the email preview server:", error.message);
  process.exit(1);
});

server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  console.log(`Email templates: http://${host}:${actualPort}/`);
  console.log(`  ${templateNames.length} templates; /t/<name> for HTML, /t/<name>.txt for text`);
});

function shutdown(signal: NodeJS.Signals) {
  console.log(`\n${signal}: stopping the email preview server…`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
