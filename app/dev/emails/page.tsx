import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { listOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { devToolsAllowed } from "@/lib/http/dev-tools";

export const metadata: Metadata = { title: "Email outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

// /dev/emails – every email the app sent, for local development (404 in production, and to
// other machines).
export default async function OutboxPage() {
  if (!devToolsAllowed(await headers())) notFound();
  const emails = await listOutbox();
  return (
    <main className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Email outbox</h1>
      <p className="mt-1 text-sm text-muted-foreground">
        {env.RESEND_API_KEY
          ? "Emails sent through Resend, newest first."
          : "RESEND_API_KEY is not set, so emails stay here instead of being delivered. Newest first."}
      </p>
      {emails.length === 0 ? (
        <p className="mt-8 text-muted-foreground">No emails yet. Sign up to send the first one.</p>
      ) : (
        <ul className="mt-6 divide-y rounded-md border">
          {emails.map((email) => (
            <li key={email.id}>
              <Link
                href={`/dev/emails/${email.id}`}
                className="flex flex-wrap gap-x-4 gap-y-1 px-4 py-3 hover:bg-muted"
              >
                <span className="font-medium">
                  {email.subject ?? `(${email.template}, not rendered yet)`}
                </span>
                <span className="text-sm text-muted-foreground">{email.status}</span>
                <span className="text-muted-foreground">to {email.to}</span>
                <time
                  className="ml-auto text-sm text-muted-foreground"
                  dateTime={email.createdAt.toISOString()}
                >
                  {email.createdAt.toISOString().slice(0, 19).replace("T", " ")}
                </time>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
