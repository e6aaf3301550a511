import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/catalog.js";
import { OperationMatcher } from "../../src/catalog/match.js";
import { guessTemplate } from "../../src/catalog/undocumented.js";

const catalog = loadCatalog();
const matcher = new OperationMatcher(catalog);

function concretePath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => `sample-${name}`);
}

const templates = catalog.flatMap((operation) =>
  [operation.pathTemplate, ...operation.legacyPathTemplates].map((template) => ({
    id: operation.id,
    method: operation.method,
    template,
  })),
);

describe("operation matcher", () => {
  it("loads every catalog operation", () => {
    expect(catalog).toHaveLength(223);
  });

  it.each(templates)("matches $method $template to $id", ({ id, method, template }) => {
    const match = matcher.match(method, concretePath(template));
    expect(match?.operation.id).toBe(id);
  });

  it.each([
    ["PUT", "/api/v1/projects/demo/media/assets/a1", "createOrUpdateAsset", "current"],
    ["PUT", "/api/ams/demo/assets/a1", "createOrUpdateAsset", "legacy"],
    ["GET", "/api/v1/projects/demo/media/assets/a1/state", "getAssetState", "current"],
    ["GET", "/api/ams/demo/stats", "legacyGetSubscriptionStats", "legacy"],
    ["GET", "/api/ams/demo/stats/", "legacyGetSubscriptionStats", "legacy"],
  ])("matches %s %s", (method, path, id, shape) => {
    const match = matcher.match(method, path);
    expect(match?.operation.id).toBe(id);
    expect(match?.shape).toBe(shape);
  });

  it("decodes path parameter values", () => {
    const match = matcher.match("PUT", "/api/v1/projects/demo/media/assets/my%20asset");
    expect(match?.values.get("asset_name")).toBe("my asset");
  });

  it("does not match another method", () => {
    expect(matcher.match("PATCH", "/api/v1/projects/demo/media/assets/a1")).toBeUndefined();
  });

  it("does not match a longer path", () => {
    expect(matcher.match("PUT", "/api/v1/projects/demo/media/assets/a1/extra/x")).toBeUndefined();
  });
});

describe("templates of undocumented paths", () => {
  it.each([
    [
      "/api/v1/projects/p1/media/things/t1",
      "/api/v1/projects/{projectName}/media/things/{thingName}",
    ],
    [
      "/api/v1/projects/p1/media/things/t1/refresh",
      "/api/v1/projects/{projectName}/media/things/{thingName}/refresh",
    ],
    ["/api/ams/p1/gadgets/g1", "/api/ams/{projectName}/gadgets/{gadgetName}"],
    ["/api/v1/things/0f8fad5b-d9cb-469f-a165-70867728950e", "/api/v1/things/{thingId}"],
    ["/api/v1/policies/p/entries/e", "/api/v1/policies/{policyName}/entries/{entryName}"],
    ["/status/", "/status/"],
  ])("templates %s", (path, template) => {
    expect(guessTemplate(path).template).toBe(template);
  });

  it("keeps the recorded values", () => {
    const guess = guessTemplate("/api/v1/projects/p%201/media/things/t1");
    expect(Object.fromEntries(guess.values)).toEqual({ projectName: "p 1", thingName: "t1" });
  });
});
