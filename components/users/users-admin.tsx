"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Table, Th } from "@/components/ui/table";
import type { Role } from "@/lib/core/accounts";
import { ApiError, api } from "@/lib/client/api";
import type { UserView } from "@/lib/server/users/user-view";
import { CreateUserForm } from "./create-user-form";
import { UserRow } from "./user-row";

export function UsersAdmin({ initial, currentUserId }: { initial: UserView[]; currentUserId: string }) {
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: ["users"],
    queryFn: () => api<{ items: UserView[] }>("/api/v1/users").then((r) => r.items),
    initialData: initial,
  });
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | undefined>();
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: { roles?: Role[]; disabled?: boolean } }) =>
      api<UserView>(`/api/v1/users/${id}`, { method: "PATCH", body }),
    onSuccess: (user) => {
      setMessage({ tone: "success", text: `Saved ${user.email}.` });
      return queryClient.invalidateQueries({ queryKey: ["users"] });
    },
    onError: (error) => setMessage({ tone: "error", text: error instanceof ApiError ? error.message : "Saving failed." }),
  });

  return (
    <div className="space-y-6">
      <CreateUserForm onCreated={(user) => {
        setMessage({ tone: "success", text: `Created ${user.email}. They can sign in now.` });
        void queryClient.invalidateQueries({ queryKey: ["users"] });
      }} />
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Card title="Accounts" description={`${users.data.length} user(s). Disabling a user or changing roles ends their sessions at once.`}>
        <Table
          caption="Users"
          head={
            <tr>
              <Th>User</Th>
              <Th>Roles</Th>
              <Th>Status</Th>
              <Th>Last sign-in</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          }
        >
          {users.data.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              isSelf={user.id === currentUserId}
              busy={update.isPending}
              onChange={(body) => update.mutate({ id: user.id, body })}
              onMessage={setMessage}
            />
          ))}
        </Table>
      </Card>
    </div>
  );
}
