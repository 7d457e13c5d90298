// The event log. Every state change records an event with a snapshot of the object at that moment
// (so webhooks carry what Stripe would have sent then, not what the object looks like later) and
// hands it to the webhook dispatcher in creation order.
import { newId } from "./ids";
import type { EmulatorState } from "./state";
import type { EventRecord, JsonObject } from "./types";

export type RequestInfo = { id: string | null; idempotency_key: string | null };

const NO_REQUEST: RequestInfo = { id: null, idempotency_key: null };

export class EventLog {
  // Set for the synchronous span of one API request; events raised by the scheduler carry none.
  private request: RequestInfo = NO_REQUEST;

  constructor(
    private readonly state: () => EmulatorState,
    private readonly apiVersion: string,
    private readonly onEvent: (event: EventRecord) => number,
  ) {}

  withRequest<T>(request: RequestInfo, run: () => T): T {
    const previous = this.request;
    this.request = request;
    try {
      return run();
    } finally {
      this.request = previous;
    }
  }

  emit(
    type: string,
    object: JsonObject,
    created: number,
    previousAttributes?: JsonObject,
  ): EventRecord {
    const event: EventRecord = {
      id: newId("evt"),
      object: "event",
      api_version: this.apiVersion,
      created,
      livemode: false,
      pending_webhooks: 0,
      type,
      data: {
        object: structuredClone(object),
        ...(previousAttributes ? { previous_attributes: structuredClone(previousAttributes) } : {}),
      },
      request: { ...this.request },
    };
    this.state().events[event.id] = event;
    event.pending_webhooks = this.onEvent(event);
    return event;
  }

  /** Emits `type` (a `*.updated` event) listing the changed top-level fields; nothing if none. */
  emitUpdated(
    type: string,
    before: JsonObject,
    after: JsonObject,
    created: number,
  ): EventRecord | null {
    const previous = changedFields(before, after);
    if (!previous) return null;
    return this.emit(type, after, created, previous);
  }
}

export function changedFields(before: JsonObject, after: JsonObject): JsonObject | null {
  const previous: JsonObject = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      previous[key] = before[key] ?? null;
    }
  }
  return Object.keys(previous).length > 0 ? previous : null;
}
