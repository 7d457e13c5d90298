// The HTTP front: /v1/* (the Stripe API), /_emulator/* (control), /checkout/*, /portal/* and
// /invoices/* (hosted pages). Every request first brings the emulator's own clock up to date, so
// renewals and retries that came due in real time happen before anything is read.
import type http from "node:http";
import type { ApiHandler } from "./api/index";
import { catchUp } from "./billing/scheduler";
import { handleControl, type ControlDeps } from "./control";
import { StripeApiError } from "./errors";
import { parseForm } from "./form";
import { checkoutPageRoute } from "./pages/checkout-page";
import { invoicePageRoute } from "./pages/invoice-page";
import { portalPageRoute } from "./pages/portal-page";
import type { PageResult } from "./pages/html";

const MAX_BODY_BYTES = 1_000_000;

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body, null, 2));
}

function sendPage(res: http.ServerResponse, page: PageResult) {
  if ("redirect" in page) {
    res.writeHead(303, { Location: page.redirect });
    res.end();
    return;
  }
  res.writeHead(page.status, { "Content-Type": "text/html; charset=utf-8" });
  res.end(page.html);
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export type RequestHandlerDeps = ControlDeps & {
  api: ApiHandler;
  /** Called after any request that may have changed state (persists the state file). */
  changed(): void;
  log(message: string): void;
};

export function createRequestHandler(deps: RequestHandlerDeps) {
  const { ctx, api } = deps;

  type Responder = (res: http.ServerResponse) => void;

  function route(
    method: string,
    url: URL,
    req: http.IncomingMessage,
    body: string,
  ): Responder | null {
    const [area, ...parts] = url.pathname.split("/").filter(Boolean);
    if (area === "v1") {
      const response = api.handle(
        method,
        url,
        {
          authorization: header(req, "authorization"),
          idempotencyKey: header(req, "idempotency-key"),
        },
        body,
      );
      return (res) => sendJson(res, response.status, response.body, response.headers);
    }
    if (area === "_emulator") {
      const result = handleControl(deps, method, parts, body);
      return result && ((res) => sendJson(res, 200, result));
    }
    const form = method === "POST" ? parseForm(body) : {};
    const page =
      area === "checkout"
        ? checkoutPageRoute(ctx, method, parts)
        : area === "portal"
          ? portalPageRoute(ctx, method, parts, form)
          : area === "invoices"
            ? invoicePageRoute(ctx, method, parts)
            : null;
    return page && ((res) => sendPage(res, page));
  }

  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const method = req.method ?? "GET";
    try {
      const url = new URL(req.url ?? "/", "http://stripe-emulator.local");
      const body = method === "GET" ? "" : await readBody(req);
      catchUp(ctx);
      const respond = route(method, url, req, body);
      if (method !== "GET") deps.changed();
      if (!respond) {
        sendJson(res, 404, {
          error: { type: "invalid_request_error", message: `Not found: ${method} ${url.pathname}` },
        });
        return;
      }
      respond(res);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return sendJson(res, 413, { error: { message: "Body too large" } });
      if (error instanceof StripeApiError) return sendJson(res, error.status, error.toBody());
      deps.log(
        `[stripe-emulator] ${method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      sendJson(res, 500, {
        error: {
          type: "api_error",
          message: error instanceof Error ? error.message : String(error),
        },
      });
    }
  };
}
