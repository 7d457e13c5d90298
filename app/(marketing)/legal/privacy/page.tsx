import { LegalPage, legalMetadata } from "@/components/marketing/legal-page";

// Rendered from content/legal/privacy.md (per request, like every page that carries a CSP nonce).

export const generateMetadata = () => legalMetadata("privacy");

export default function Page() {
  return <LegalPage slug="privacy" />;
}
