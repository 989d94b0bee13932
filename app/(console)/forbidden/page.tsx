import Link from "next/link";
import { Card } from "@/components/ui/card";

export const metadata = { title: "Not allowed" };

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { from } = await searchParams;
  return (
    <Card headingLevel={1} title="Not allowed">
      <p className="text-sm text-slate-700">
        Your role does not include {from ? <code className="font-mono">{from}</code> : "this page"}. Ask an admin for the role you need.
      </p>
      <p className="mt-4 text-sm">
        <Link href="/" className="font-medium text-indigo-700 underline underline-offset-2">
          Back to the overview
        </Link>
      </p>
    </Card>
  );
}
