// Billing portal sessions: the `url` is the emulator's portal page (pages/portal-page.ts).
import { invalidRequest, resourceMissing } from "../errors";
import { newId } from "../ids";
import { optionalString, requiredString } from "../params";
import type { PortalSessionRecord } from "../types";
import { route } from "./router";

export const billingPortalRoutes = [
  route("POST", "/v1/billing_portal/sessions", (ctx, { params }) => {
    const customerId = requiredString(params, "customer");
    const customer = ctx.state.customers[customerId];
    if (!customer || customer.deleted) throw resourceMissing("customer", customerId, "customer");
    const returnUrl = optionalString(params, "return_url") || null;
    if (returnUrl && !/^https?:\/\//.test(returnUrl)) {
      throw invalidRequest("Not a valid URL", "return_url", "url_invalid");
    }
    const id = newId("bps");
    const session: PortalSessionRecord = {
      id,
      object: "billing_portal.session",
      created: ctx.clock.nowFor(customerId),
      livemode: false,
      customer: customerId,
      return_url: returnUrl,
      url: `${ctx.publicUrl()}/portal/${id}`,
    };
    ctx.state.portalSessions[id] = session;
    return {
      ...session,
      configuration: "bpc_emulator",
      flow: null,
      locale: null,
      on_behalf_of: null,
    };
  }),
];
