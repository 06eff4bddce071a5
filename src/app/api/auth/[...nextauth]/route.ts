// GET/POST /api/auth/*: next-auth (credentials sign-in, session, sign-out).
import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth/options";

const handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(getAuthOptions())(request, context);

export { handler as GET, handler as POST };
