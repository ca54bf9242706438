/**
 * What the tests read of an OpenAPI 3.1 document: each operation's parameters and responses, and
 * the component schemas.
 */
export interface OpenApiDocument {
  paths: Record<string, { get?: OpenApiOperation; post?: OpenApiOperation }>;
  components: { schemas: Record<string, OpenApiSchema> };
}

export interface OpenApiOperation {
  parameters: Array<{ name: string; in: string }>;
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

export interface OpenApiSchema {
  required?: string[];
  properties?: Record<string, unknown>;
}
