"use client";

// Errors in the root layout itself. It renders its own <html>, so it uses no app styles.
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
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
