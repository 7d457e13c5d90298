// Events: retrieve, list (type with `*` wildcards, types[], created ranges), newest first.
import { invalidRequest } from "../errors";
import { paginate } from "../list";
import { isParams, optionalInt, optionalString, optionalStringArray, type Params } from "../params";
import { newestFirst } from "../state";
import type { EventRecord } from "../types";
import { findOr404, pathId, route } from "./router";

function typeMatcher(pattern: string): (type: string) => boolean {
  if (!pattern.includes("*")) return (type) => type === pattern;
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  const regex = new RegExp(`^${escaped}$`);
  return (type) => regex.test(type);
}

function createdFilter(params: Params): (event: EventRecord) => boolean {
  const created = params.created;
  if (created === undefined) return () => true;
  if (typeof created === "string") {
    const exact = optionalInt(params, "created");
    return (event) => event.created === exact;
  }
  if (!isParams(created)) throw invalidRequest("Invalid created filter.", "created");
  const bound = (name: string) => optionalInt(created, name, { label: `created[${name}]` });
  const [gt, gte, lt, lte] = [bound("gt"), bound("gte"), bound("lt"), bound("lte")];
  return (event) =>
    (gt === undefined || event.created > gt) &&
    (gte === undefined || event.created >= gte) &&
    (lt === undefined || event.created < lt) &&
    (lte === undefined || event.created <= lte);
}

export const eventRoutes = [
  route("GET", "/v1/events/:id", (ctx, request) =>
    findOr404(ctx.state.events, pathId(request), "event"),
  ),
  route("GET", "/v1/events", (ctx, { params }) => {
    const type = optionalString(params, "type");
    const types = optionalStringArray(params, "types");
    if (type && types) {
      throw invalidRequest("You may only specify one of these parameters: type, types.");
    }
    const matchers = (types ?? (type ? [type] : [])).map(typeMatcher);
    const inRange = createdFilter(params);
    const events = newestFirst(ctx.state.events).filter(
      (event) =>
        (matchers.length === 0 || matchers.some((matches) => matches(event.type))) &&
        inRange(event),
    );
    return paginate(events, params, "/v1/events");
  }),
];
