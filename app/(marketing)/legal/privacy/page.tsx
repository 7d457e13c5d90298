import { LegalPage, legalMetadata } from "@/components/marketing/legal-page";

// Rendered once at build time from content/legal/privacy.md.
export const dynamic = "force-static";

export const generateMetadata = () => legalMetadata("privacy");

export default function Page() {
  return <LegalPage slug="privacy" />;
}
