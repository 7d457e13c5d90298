import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { devToolsAllowed } from "@/lib/http/dev-tools";
import {
  isNotification,
  isTemplateName,
  previewProps,
  renderEmail,
  templateCategory,
} from "@/lib/email/templates";

export const metadata: Metadata = { title: "Email template", robots: { index: false } };
export const dynamic = "force-dynamic";

const SAMPLE_UNSUBSCRIBE_URL = "https://problemboard.app/email/unsubscribe?token=preview";

// /dev/emails/templates/{name} – one template rendered with its PreviewProps: HTML and plain text.
export default async function EmailTemplatePage({ params }: { params: Promise<{ name: string }> }) {
  if (!devToolsAllowed(await headers())) notFound();
  const { name } = await params;
  if (!isTemplateName(name)) notFound();
  const email = await renderEmail(name, previewProps(name), {
    unsubscribeUrl: isNotification(name) ? SAMPLE_UNSUBSCRIBE_URL : undefined,
  });
  return (
    <main className="mx-auto grid max-w-4xl gap-6 px-4 py-10">
      <Link href="/dev/emails/templates" className="text-sm text-muted-foreground hover:underline">
        ← All templates
      </Link>
      <dl className="grid grid-cols-[6rem_1fr] gap-1 text-sm">
        <dt className="text-muted-foreground">Subject</dt>
        <dd>
          <h1 className="font-semibold">{email.subject}</h1>
        </dd>
        <dt className="text-muted-foreground">Template</dt>
        <dd>{name}</dd>
        <dt className="text-muted-foreground">Category</dt>
        <dd>{templateCategory(name)}</dd>
      </dl>
      <iframe
        title="Email HTML"
        srcDoc={email.html}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        className="h-[40rem] w-full rounded-md border bg-white"
      />
      <section>
        <h2 className="mb-2 text-sm font-medium text-muted-foreground">Plain text</h2>
        <pre className="whitespace-pre-wrap rounded-md border bg-muted p-4 text-sm">
          {email.text}
        </pre>
      </section>
    </main>
  );
}
