import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { getOutboxEmail } from "@/lib/email/outbox";
import { devToolsAllowed } from "@/lib/http/dev-tools";

export const metadata: Metadata = { title: "Email", robots: { index: false } };
export const dynamic = "force-dynamic";

// /dev/emails/{id} – one email from the local outbox: headers, HTML and plain text.
export default async function OutboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  if (!devToolsAllowed(await headers())) notFound();
  const { id } = await params;
  const email = await getOutboxEmail(id);
  if (!email) notFound();
  return (
    <main className="mx-auto grid max-w-4xl gap-6 px-4 py-10">
      <Link href="/dev/emails" className="text-sm text-muted-foreground hover:underline">
        ← All emails
      </Link>
      <dl className="grid grid-cols-[6rem_1fr] gap-1 text-sm">
        <dt className="text-muted-foreground">Subject</dt>
        <dd>
          <h1 className="font-semibold">{email.subject ?? "(not rendered yet)"}</h1>
        </dd>
        <dt className="text-muted-foreground">To</dt>
        <dd>{email.to}</dd>
        <dt className="text-muted-foreground">From</dt>
        <dd>{email.from}</dd>
        <dt className="text-muted-foreground">Template</dt>
        <dd>{email.template}</dd>
        <dt className="text-muted-foreground">Status</dt>
        <dd>
          {email.status}
          {email.error ? ` – ${email.error}` : ""}
        </dd>
      </dl>
      <iframe
        title="Email HTML"
        srcDoc={email.html ?? ""}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        className="h-[32rem] w-full rounded-md border bg-white"
      />
      <section>
        <h2 className="mb-2 text-sm font-medium text-muted-foreground">Plain text</h2>
        <pre
          className="whitespace-pre-wrap rounded-md border bg-muted p-4 text-sm"
          data-testid="email-text"
        >
          {email.text}
        </pre>
      </section>
    </main>
  );
}
