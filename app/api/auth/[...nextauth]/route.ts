import NextAuth from "next-auth";
import { buildAuthOptions } from "@/lib/server/auth/auth-options";

type Segment = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, segment: Segment): Promise<Response> {
  return NextAuth(req as never, segment as never, buildAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
