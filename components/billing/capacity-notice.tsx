import Link from "next/link";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Capacity } from "@/lib/billing/get-capacity";
import { cn } from "@/lib/utils";

const numberFormat = new Intl.NumberFormat("en-US");

/** Whether the plan has room for one more. */
export function hasRoom(capacity: Capacity): boolean {
  return capacity.used < capacity.limit;
}

/**
 * A plan limit where something is created (boards, seats), shown before the form: how much is
 * used, and at the limit why the form is not offered and how to get more.
 */
export function CapacityNotice({
  capacity,
  one,
  many,
  billingHref,
  className,
}: {
  capacity: Capacity;
  /** "board" */
  one: string;
  /** "boards" */
  many: string;
  billingHref: string;
  className?: string;
}) {
  const { used, limit, planName, canUpgrade } = capacity;
  if (limit === Infinity) return null;
  const what = limit === 1 ? one : many;
  if (used < limit) {
    return (
      <p className={cn("text-sm text-muted-foreground", className)}>
        {numberFormat.format(used)} of {numberFormat.format(limit)} {what} used on the {planName}{" "}
        plan.{" "}
        <Link href={billingHref} className="underline underline-offset-4">
          {canUpgrade ? "Plans and usage" : "Usage"}
        </Link>
      </p>
    );
  }
  return (
    <Alert className={className}>
      <AlertDescription className="grid gap-3">
        <p>
          {limit === 0
            ? `The ${planName} plan doesn't include ${many}.`
            : `You're using all ${numberFormat.format(limit)} ${what} of the ${planName} plan.`}{" "}
          {canUpgrade
            ? `Upgrade to add more.`
            : "Ask an owner or admin of this workspace to upgrade."}
        </p>
        {canUpgrade ? (
          <div>
            <Button asChild size="sm">
              <Link href={billingHref}>Upgrade</Link>
            </Button>
          </div>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}
