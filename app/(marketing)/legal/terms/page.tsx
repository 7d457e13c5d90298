import { LegalPage, legalMetadata } from "@/components/marketing/legal-page";

// Rendered once at build time from content/legal/terms.md.
export const dynamic = "force-static";

export const generateMetadata = () => legalMetadata("terms");

export default function Page() {
  return <LegalPage slug="terms" />;
}
