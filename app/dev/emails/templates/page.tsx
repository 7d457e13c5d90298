import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { devToolsAllowed } from "@/lib/http/dev-tools";
import { previewProps, renderEmail, templateCategory, templateNames } from "@/lib/email/templates";

export const metadata: Metadata = { title: "Email templates", robots: { index: false } };
export const dynamic = "force-dynamic";

// /dev/emails/templates – every email template with its preview subject (404 in production, and
// to other machines).
export default async function EmailTemplatesPage() {
  if (!devToolsAllowed(await headers())) notFound();
  const rows = await Promise.all(
    templateNames.map(async (name) => ({
      name,
      category: templateCategory(name),
      subject: (await renderEmail(name, previewProps(name))).subject,
    })),
  );
  return (
    <main className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Email templates</h1>
      <p className="mt-1 text-sm text-muted-foreground">
        Each template rendered with its PreviewProps.{" "}
        <Link href="/dev/emails" className="underline">
          Sent emails
        </Link>{" "}
        are in the outbox.
      </p>
      <ul className="mt-6 divide-y rounded-md border">
        {rows.map((row) => (
          <li key={row.name}>
            <Link
              href={`/dev/emails/templates/${row.name}`}
              className="flex flex-wrap gap-x-4 gap-y-1 px-4 py-3 hover:bg-muted"
            >
              <span className="font-medium">{row.name}</span>
              <span className="text-muted-foreground">{row.subject}</span>
              <span className="ml-auto text-sm text-muted-foreground">{row.category}</span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
