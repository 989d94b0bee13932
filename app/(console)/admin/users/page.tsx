import { PageHeader } from "@/components/ui/card";
import { UsersAdmin } from "@/components/users/users-admin";
import { pageContext } from "@/lib/server/auth/page-actor";
import { listUsers } from "@/lib/server/users";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const ctx = await pageContext(["admin"]);
  const users = await listUsers(ctx);
  return (
    <>
      <PageHeader title="Users" description="Accounts and roles. Auditors verify evidence, on-call engineers watch drift and alerts, admins manage the console." />
      <UsersAdmin initial={users} currentUserId={ctx.actor.type === "user" ? ctx.actor.userId : ""} />
    </>
  );
}
