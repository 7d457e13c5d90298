import { LegalPage, legalMetadata } from "@/components/marketing/legal-page";

// Rendered from content/legal/terms.md (per request, like every page that carries a CSP nonce).

export const generateMetadata = () => legalMetadata("terms");

export default function Page() {
  return <LegalPage slug="terms" />;
}
