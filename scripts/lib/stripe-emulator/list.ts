// Stripe list pagination: newest first, `limit` (1–100, default 10), `starting_after` /
// `ending_before` cursors, `has_more`. The SDK's auto-pagination follows `starting_after`.
import { invalidRequest } from "./errors";
import { optionalInt, optionalString, type Params } from "./params";
import type { JsonObject } from "./types";

export function paginate(
  items: JsonObject[],
  params: Params,
  url: string,
): { object: "list"; data: JsonObject[]; has_more: boolean; url: string } {
  const limit = optionalInt(params, "limit", { min: 1 }) ?? 10;
  if (limit > 100) throw invalidRequest("This value must be less than or equal to 100.", "limit");
  const after = optionalString(params, "starting_after");
  const before = optionalString(params, "ending_before");
  const indexOf = (id: string, param: string) => {
    const index = items.findIndex((item) => item.id === id);
    if (index === -1) throw invalidRequest(`No such object: '${id}'`, param, "resource_missing");
    return index;
  };
  if (before) {
    const end = indexOf(before, "ending_before");
    const start = Math.max(0, end - limit);
    return { object: "list", data: items.slice(start, end), has_more: start > 0, url };
  }
  const start = after ? indexOf(after, "starting_after") + 1 : 0;
  const data = items.slice(start, start + limit);
  return { object: "list", data, has_more: start + limit < items.length, url };
}
