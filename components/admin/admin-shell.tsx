import Link from "next/link";
import { ADMIN_SECTIONS } from "./admin-sections";
import { LookupBox } from "./lookup-box";

/** The operator console's frame: a distinct header (so nobody mistakes it for the app) and nav. */
export function AdminShell({
  operator,
  children,
}: {
  operator: { name: string; email: string };
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b bg-foreground text-background">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/admin" className="font-semibold tracking-tight">
            Problemboard admin
          </Link>
          <nav aria-label="Admin sections" className="order-last w-full sm:order-none sm:w-auto">
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {ADMIN_SECTIONS.map((section) => (
                <li key={section.href}>
                  <Link href={section.href} className="underline-offset-4 hover:underline">
                    {section.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="w-full sm:ml-auto sm:w-auto">
            <LookupBox />
          </div>
          <div className="truncate text-xs opacity-80" title={operator.email}>
            {operator.name}
          </div>
        </div>
      </header>
      <main id="main-content" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  );
}
