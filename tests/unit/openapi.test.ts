import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { API_OPERATIONS, openApiDocument } from "@/server/api/openapi-document";
import { CHANNEL_EVENT_TYPES } from "@/server/db/schema";
import SwaggerParser from "@apidevtools/swagger-parser";

/** Every route handler file under src/app/api, as « method path » (next-auth's own routes aside). */
function routeMethods(): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      const full = path.join(directory, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === "route.ts" && !full.includes("[...nextauth]")) {
        const route = `/${path.relative("src/app", path.dirname(full)).split(path.sep).join("/")}`.replace(
          /\[(\w+)\]/g,
          "{$1}",
        );
        for (const [, method] of readFileSync(full, "utf8").matchAll(
          /export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g,
        ))
          found.push(`${method!.toLowerCase()} ${route}`);
      }
    }
  };
  walk("src/app/api");
  return found.sort();
}

describe("the OpenAPI document", () => {
  it("validates with a kept OpenAPI 3.1 validator (@apidevtools/swagger-parser)", async () => {
    const document = openApiDocument("https://support.example.fr");
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it("describes the integration routes with the bearer key, never a session", () => {
    const document = openApiDocument("https://support.example.fr");
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    const alerts = document.paths["/api/v1/alerts"]!.get as { security: unknown; responses: Record<string, unknown> };
    expect(alerts.security).toEqual([{ apiKey: [] }]);
    expect(Object.keys(alerts.responses)).toEqual(expect.arrayContaining(["401", "403", "429"]));
  });

  it("describes every method of every route handler, and nothing else", () => {
    const described = API_OPERATIONS.map((operation) => `${operation.method} ${operation.path}`).sort();
    expect(described).toEqual(routeMethods());
    expect(routeMethods().length).toBeGreaterThan(30);
  });

  it("is OpenAPI 3.1 with the request schemas the routes parse with", () => {
    const document = openApiDocument("https://support.example.fr");
    expect(document.openapi).toBe("3.1.0");
    const create = document.paths["/api/admin/notification-channels"]!.post as {
      requestBody: {
        content: {
          "application/json": {
            schema: { properties: Record<string, { items?: { enum?: string[] } }>; required: string[] };
          };
        };
      };
      responses: Record<string, unknown>;
    };
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["type", "name", "events"]));
    expect(schema.properties.events!.items!.enum).toEqual([...CHANNEL_EVENT_TYPES]);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403"]));
    const list = document.paths["/api/admin/alerts/calendar-sync"]!.get as {
      parameters: Array<{ name: string; in: string }>;
    };
    expect(list.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(["status", "limit", "cursor", "assignee", "view"]),
    );
    const feed = document.paths["/api/listings/{id}/calendar-feeds"]!.post as {
      parameters: Array<{ name: string; in: string }>;
    };
    expect(feed.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    // Serialisable as is: what the route answers.
    expect(() => JSON.parse(JSON.stringify(document))).not.toThrow();
  });
});
