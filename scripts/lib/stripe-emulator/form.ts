// A small qs-style parser for what the Stripe SDK sends: `application/x-www-form-urlencoded`
// bodies (and query strings) with bracket keys, e.g. `line_items[0][price]=p&expand[]=x&metadata[k]=v`.
// Objects whose keys are all indexes become arrays, except under `metadata`, where "0" is a key.
import { invalidRequest } from "./errors";

export type ParamValue = string | ParamValue[] | { [key: string]: ParamValue };
export type Params = { [key: string]: ParamValue };

// Keys that would reach Object.prototype if we assigned them.
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw invalidRequest(`Invalid URL encoding: ${text.slice(0, 40)}`);
  }
}

/** `a[b][0][]` → ["a", "b", "0", ""] (an empty segment appends). */
function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  const pattern = /\[([^\]]*)\]/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(rest))) segments.push(match[1] ?? "");
  return segments;
}

type Tree = { [key: string]: Tree | string };

function assign(root: Tree, path: string[], value: string) {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    let segment = path[i]!;
    if (UNSAFE_KEYS.has(segment)) return;
    if (segment === "") segment = String(Object.keys(node).length);
    if (i === path.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (typeof next === "object") node = next;
    else node = node[segment] = {};
  }
}

function normalize(tree: Tree | string, key: string): ParamValue {
  if (typeof tree === "string") return tree;
  const keys = Object.keys(tree);
  const entries = keys.map((k) => [k, normalize(tree[k]!, k)] as const);
  const indexed = keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
  if (indexed && key !== "metadata") {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, value]) => value);
  }
  return Object.fromEntries(entries);
}

export function parseForm(text: string): Params {
  const root: Tree = {};
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? "" : pair.slice(eq + 1));
    if (key) assign(root, splitKey(key), value);
  }
  const result: Params = {};
  for (const [key, value] of Object.entries(root)) result[key] = normalize(value, key);
  return result;
}
