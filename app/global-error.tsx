"use client";

import * as Sentry from "@sentry/nextjs";
import { useEffect } from "react";

// Errors in the root layout itself. It renders its own <html>, so it uses no app styles.
// A client-side error is reported from here (when NEXT_PUBLIC_SENTRY_DSN is set); one with a
// digest came from the server, where onRequestError (instrumentation.ts) already reported it with
// its full stack, so it is not sent twice.
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  useEffect(() => {
    if (!error.digest) Sentry.captureException(error);
  }, [error]);

  return (
    <html lang="en">
      <body
        style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1rem", textAlign: "center" }}
      >
        <h1>Something went wrong</h1>
        <p>Reload the page to try again{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      </body>
    </html>
  );
}
