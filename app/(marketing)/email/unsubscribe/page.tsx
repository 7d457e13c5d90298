import type { Metadata } from "next";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { isSubscribed } from "@/lib/email/preferences";
import { readUnsubscribeToken } from "@/lib/email/unsubscribe";

export const metadata: Metadata = { title: "Email preferences", robots: { index: false } };
export const dynamic = "force-dynamic";

const CATEGORY_LABELS: Record<string, string> = {
  notification: "updates on problems you follow (status changes)",
};

// /email/unsubscribe?token=… – where the footer link of a notification email lands. Opening it
// changes nothing (mail scanners open links); the button does, through the one-click endpoint.
// It renders inside the marketing layout's <main>, so it has no <main> of its own.
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token : "";
  const target = readUnsubscribeToken(token);
  if (!target) {
    return (
      <div className="mx-auto grid max-w-md gap-4 px-4 py-16">
        <h1 className="text-2xl font-semibold tracking-tight">Email preferences</h1>
        <Alert variant="destructive">
          <AlertDescription>
            This unsubscribe link is not valid. Use the link from your most recent email, or change
            your email preferences on your account page.
          </AlertDescription>
        </Alert>
      </div>
    );
  }
  const subscribed = await isSubscribed(target.email, target.category);
  const label = CATEGORY_LABELS[target.category] ?? `${target.category} emails`;
  const action = `/api/email/unsubscribe?token=${encodeURIComponent(token)}`;
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Email preferences</h1>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          {params.done ? (
            <Alert role="status">
              <AlertDescription>
                {params.done === "resubscribed"
                  ? "You're subscribed again."
                  : "You're unsubscribed. It may take a few minutes for emails already on their way."}
              </AlertDescription>
            </Alert>
          ) : null}
          <p>
            <strong>{target.email}</strong> {subscribed ? "receives" : "no longer receives"} {label}
            . Account, security and billing emails are always sent.
          </p>
          <form method="post" action={action}>
            <input type="hidden" name="action" value={subscribed ? "unsubscribe" : "resubscribe"} />
            <Button type="submit" variant={subscribed ? "destructive" : "default"}>
              {subscribed ? "Unsubscribe" : "Subscribe again"}
            </Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
