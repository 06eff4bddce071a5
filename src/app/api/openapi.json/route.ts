// GET /api/openapi.json (support and admins: it names every admin path): the API's OpenAPI 3.1 description, generated from the zod schemas the routes parse with.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { NextResponse } from "next/server";
import { openApiDocument } from "@/server/api/openapi-document";
import { getConfig } from "@/server/config";

export const runtime = "nodejs";

export const GET = withRole(BACK_OFFICE_ROLES, async () => NextResponse.json(openApiDocument(getConfig().auth.url)));
