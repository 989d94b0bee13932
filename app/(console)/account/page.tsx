import { ApiTokens } from "@/components/account/api-tokens";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card, PageHeader } from "@/components/ui/card";
import { RoleBadges } from "@/components/users/role-badges";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getConfig } from "@/lib/server/config";
import { listApiTokens } from "@/lib/server/tokens";
import { getMe } from "@/lib/server/users";

export const metadata = { title: "Account" };

export default async function AccountPage() {
  const ctx = await pageContext();
  const [me, tokens] = await Promise.all([getMe(ctx), listApiTokens(ctx)]);
  return (
    <>
      <PageHeader title="Account" description="Your profile, password and API tokens." />
      <div className="space-y-6">
        <Card title="Profile">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Email</dt>
            <dd>{me.email}</dd>
            <dt className="text-slate-500">Roles</dt>
            <dd><RoleBadges roles={me.roles} /></dd>
            <dt className="text-slate-500">Sign-in</dt>
            <dd>{me.authProvider === "oidc" ? "Single sign-on" : "Email and password"}</dd>
          </dl>
        </Card>
        {me.authProvider === "password" ? <ChangePasswordForm /> : null}
        <ApiTokens initial={tokens} origin={getConfig().publicUrl} />
      </div>
    </>
  );
}
