// What every handler and billing step needs: the state, emulated time, the event log and the few
// settings that shape behaviour. Passed explicitly; there is no module-level state.
import type { Clock } from "./clock";
import type { EventLog } from "./events";
import type { EmulatorState } from "./state";

export type AfterFailedRetries = "unpaid" | "canceled";

export type EmulatorContext = {
  state: EmulatorState;
  clock: Clock;
  events: EventLog;
  /** Base URL of the hosted pages (checkout, portal, invoices) as the browser reaches them. */
  publicUrl(): string;
  /** What happens to a subscription when the last retry of an invoice fails. */
  afterFailedRetries: AfterFailedRetries;
};
