import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { getPageActor } from "@/lib/server/auth/page-actor";
import { getConfig } from "@/lib/server/config";

export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "Your identity provider account has no countersign role, or the account is disabled.",
  OAuthSignin: "Single sign-on could not start. Try again or use your password.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  SessionRequired: "Sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; setup?: string }> }) {
  const { callbackUrl, error, setup } = await searchParams;
  const notice = error ? (ERRORS[error] ?? "Sign-in failed. Try again.") : setup === "done" ? "The admin account is ready: sign in with it." : undefined;
  if (await getPageActor()) redirect("/");
  return (
    <Card headingLevel={1} title="Sign in to countersign">
      <SignInForm callbackUrl={callbackUrl} oidcName={getConfig().oidc?.name} notice={notice} />
    </Card>
  );
}
