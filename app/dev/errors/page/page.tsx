import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { devToolsAllowed } from "@/lib/http/dev-tools";
import { devErrorKind, throwDevError } from "@/lib/observability/dev-errors";

export const metadata: Metadata = { title: "Error test page", robots: { index: false } };
export const dynamic = "force-dynamic";

// /dev/errors/page – a server component that throws on purpose while rendering (dev tools only;
// 404 otherwise). ?kind=not-found calls notFound(), ?kind=expected throws an AppError.
export default async function ErrorTestPage({
  searchParams,
}: {
  searchParams: Promise<{ kind?: string }>;
}) {
  if (!devToolsAllowed(await headers())) notFound();
  const { kind } = await searchParams;
  if (kind === "not-found") notFound();
  throwDevError("server component", devErrorKind(kind));
}
