/**
 * In-process nudge from enqueue to the worker running in the same process, so a job written by a
 * request starts within milliseconds instead of at the next poll. Purely an optimisation: the
 * worker polls the table regardless, and jobs from other instances are found by polling.
 */
type Listener = () => void;

// On globalThis: Next.js bundles instrumentation (where the worker runs) apart from route
// handlers and server actions (where jobs are enqueued), each with its own module copies.
const processWide = globalThis as typeof globalThis & {
  __problemboardJobListeners?: Set<Listener>;
};
const listeners = (processWide.__problemboardJobListeners ??= new Set<Listener>());

export function onEnqueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyEnqueued(): void {
  for (const listener of listeners) listener();
}
