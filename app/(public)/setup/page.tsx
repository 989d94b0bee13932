import Link from "next/link";
import { SetupForm } from "@/components/auth/setup-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getDb } from "@/lib/server/db";
import { adminExists } from "@/lib/server/users";

export const metadata = { title: "First-run setup" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const done = await adminExists(await getDb());
  return (
    <Card headingLevel={1} title="First-run setup" description="Create the first admin account.">
      {done ? (
        <Alert tone="info" title="Setup is complete">
          An admin already exists. <Link href="/signin" className="font-medium underline">Sign in</Link>.
        </Alert>
      ) : token ? (
        <SetupForm token={token} />
      ) : (
        <Alert tone="warning" title="This page needs the one-time setup link">
          The link was printed in the terminal where the console started. Restarting the console prints a new one.
        </Alert>
      )}
    </Card>
  );
}
