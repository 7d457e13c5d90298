// Readers for request parameters. Form values arrive as strings; these coerce them the way Stripe
// does and raise Stripe-style errors naming the offending parameter. Unknown parameters are ignored
// (the emulator models a subset; refusing what it does not model would break callers needlessly).
import { invalidRequest } from "./errors";
import type { ParamValue, Params } from "./form";
import type { Metadata } from "./types";

export type { Params, ParamValue };

export function isParams(value: ParamValue | undefined): value is Params {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function optionalString(params: Params, name: string, label = name): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidRequest(`Invalid string: ${label}`, label);
  return value;
}

export function requiredString(params: Params, name: string, label = name): string {
  const value = optionalString(params, name, label);
  if (!value) throw invalidRequest(`Missing required param: ${label}.`, label);
  return value;
}

/** A string, or null when the caller sent an empty value (Stripe's way to unset a field). */
export function nullableString(params: Params, name: string, label = name) {
  const value = optionalString(params, name, label);
  return value === "" ? null : value;
}

export function optionalInt(
  params: Params,
  name: string,
  { min = Number.MIN_SAFE_INTEGER, label = name }: { min?: number; label?: string } = {},
): number | undefined {
  const raw = optionalString(params, name, label);
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw invalidRequest(`Invalid integer: ${raw}`, label);
  if (value < min) {
    throw invalidRequest(`This value must be greater than or equal to ${min}.`, label);
  }
  return value;
}

export function optionalBool(params: Params, name: string, label = name): boolean | undefined {
  const raw = optionalString(params, name, label);
  if (raw === undefined || raw === "") return undefined;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw invalidRequest(`Invalid boolean: ${raw}`, label);
}

export function optionalObject(params: Params, name: string, label = name): Params | undefined {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  if (!isParams(value)) throw invalidRequest(`Invalid object: ${label}`, label);
  return value;
}

export function optionalArray(params: Params, name: string, label = name) {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  if (!Array.isArray(value)) throw invalidRequest(`Invalid array: ${label}`, label);
  return value;
}

export function optionalStringArray(params: Params, name: string): string[] | undefined {
  const value = optionalArray(params, name);
  if (!value) return undefined;
  return value.map((item, i) => {
    if (typeof item !== "string") throw invalidRequest(`Invalid string: ${name}[${i}]`, name);
    return item;
  });
}

/**
 * Stripe's metadata update rules: keys merge into what is there, an empty value deletes the key,
 * and `metadata=""` clears everything.
 */
export function mergeMetadata(existing: Metadata, params: Params, name = "metadata"): Metadata {
  const value = params[name];
  if (value === undefined) return existing;
  if (value === "") return {};
  if (!isParams(value)) throw invalidRequest(`Invalid object: ${name}`, name);
  const merged = { ...existing };
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") throw invalidRequest(`Invalid metadata[${key}]`, name);
    if (key.length > 40) throw invalidRequest("Metadata keys must be ≤ 40 characters.", name);
    if (item === "") delete merged[key];
    else merged[key] = item;
  }
  return merged;
}

export function readExpand(params: Params): string[] {
  return optionalStringArray(params, "expand") ?? [];
}
