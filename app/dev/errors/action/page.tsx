import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { devToolsAllowed } from "@/lib/http/dev-tools";
import { throwFromAction } from "./actions";

export const metadata: Metadata = { title: "Error test action", robots: { index: false } };
export const dynamic = "force-dynamic";

// /dev/errors/action – a form whose server action throws on purpose (dev tools only; 404
// otherwise).
export default async function ErrorTestActionPage() {
  if (!devToolsAllowed(await headers())) notFound();
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Server action error test</h1>
      <form action={throwFromAction} className="mt-6 flex flex-col gap-4">
        <div className="flex flex-col gap-2">
          <Label htmlFor="password">Password</Label>
          <Input id="password" name="password" type="password" autoComplete="off" />
        </div>
        <Button type="submit">Throw from a server action</Button>
      </form>
    </main>
  );
}
