/**
 * In-process nudge from enqueue to the worker running in the same process, so a job written by a
 * request starts within milliseconds instead of at the next poll. Purely an optimisation: the
 * worker polls the table regardless, and jobs from other instances are found by polling.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export function onEnqueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyEnqueued(): void {
  for (const listener of listeners) listener();
}
