"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

interface WorkspaceNavProps {
  workspaceSlug: string;
  /** Only roles with problem:moderate see the Moderation tab. */
  canModerate: boolean;
  /** Items waiting for review, shown on the Moderation tab. */
  pendingCount: number;
  /** Only roles with billing:manage see the Billing tab (others may still open the page). */
  canManageBilling?: boolean;
  /** Only roles with auditlog:read see the Audit log tab. */
  canReadAuditLog?: boolean;
}

interface Tab {
  href: string;
  label: string;
  /** Whether this tab is the current section for a pathname. */
  matches: (pathname: string) => boolean;
  count?: number;
}

/** The workspace's section tabs under the app header; the current one is marked for AT. */
export function WorkspaceNav({
  workspaceSlug,
  canModerate,
  pendingCount,
  canManageBilling = false,
  canReadAuditLog = false,
}: WorkspaceNavProps) {
  const pathname = usePathname();
  const base = `/w/${workspaceSlug}`;
  const section = (path: string) => (p: string) => p === path || p.startsWith(`${path}/`);
  const tabs: Tab[] = [
    { href: base, label: "Overview", matches: (p) => p === base },
    { href: `${base}/inbox`, label: "Inbox", matches: section(`${base}/inbox`) },
    ...(canModerate
      ? [
          {
            href: `${base}/moderation`,
            label: "Moderation",
            matches: section(`${base}/moderation`),
            count: pendingCount,
          },
        ]
      : []),
    { href: `${base}/boards`, label: "Boards", matches: section(`${base}/boards`) },
    { href: `${base}/members`, label: "Members", matches: section(`${base}/members`) },
    ...(canManageBilling
      ? [{ href: `${base}/billing`, label: "Billing", matches: section(`${base}/billing`) }]
      : []),
    ...(canReadAuditLog
      ? [{ href: `${base}/audit`, label: "Audit log", matches: section(`${base}/audit`) }]
      : []),
  ];

  return (
    <nav aria-label="Workspace" className="border-b bg-background">
      <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-4">
        {tabs.map((tab) => {
          const current = tab.matches(pathname);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "-mb-px inline-flex h-10 items-center gap-2 border-b-2 px-3 text-sm whitespace-nowrap",
                  "outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  current
                    ? "border-foreground font-medium text-foreground"
                    : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {tab.label}
                {tab.count ? (
                  <span className="rounded-full bg-primary px-1.5 text-xs leading-5 font-medium text-primary-foreground">
                    {tab.count > 99 ? "99+" : tab.count}
                    <span className="sr-only"> waiting for review</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
