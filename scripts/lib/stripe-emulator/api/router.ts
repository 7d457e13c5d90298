// A tiny route table for the /v1 API: `route("GET", "/v1/customers/:id", handler)`.
import type { EmulatorContext } from "../context";
import { resourceMissing } from "../errors";
import type { Params } from "../params";
import type { JsonObject } from "../types";

export type ApiRequest = {
  params: Params;
  path: Record<string, string>;
  expand: string[];
};

export type ApiHandler = (ctx: EmulatorContext, request: ApiRequest) => JsonObject;
type Method = "GET" | "POST" | "DELETE";
export type Route = { method: Method; segments: string[]; handler: ApiHandler };

export function route(method: Method, pattern: string, handler: ApiHandler): Route {
  return { method, segments: pattern.split("/").filter(Boolean), handler };
}

export function matchRoute(
  routes: Route[],
  method: string,
  pathname: string,
): { route: Route; path: Record<string, string> } | null {
  const parts = pathname.split("/").filter(Boolean);
  for (const candidate of routes) {
    if (candidate.method !== method || candidate.segments.length !== parts.length) continue;
    const path: Record<string, string> = {};
    const matches = candidate.segments.every((segment, i) => {
      const part = parts[i]!;
      if (segment.startsWith(":")) {
        path[segment.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (matches) return { route: candidate, path };
  }
  return null;
}

/** The record, or Stripe's 404 `No such <kind>: '<id>'`. */
export function findOr404<T>(table: Record<string, T>, id: string, kind: string, param = "id"): T {
  const record = Object.hasOwn(table, id) ? table[id] : undefined;
  if (record === undefined) throw resourceMissing(kind, id, param);
  return record;
}

export function pathId(request: ApiRequest): string {
  return request.path.id ?? "";
}
