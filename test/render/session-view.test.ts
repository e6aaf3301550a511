import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type SessionView, sessionView } from "../../src/render/session-view.js";
import { writeHar } from "../support/har-builder.js";
import { sessionOf } from "../support/session.js";

describe("session view", () => {
  let view: SessionView;
  beforeAll(async () => {
    view = sessionView(await sessionOf("fixtures/portal-current-session.har"), "https://api.mk.io");
  });

  it("describes an operation with placeholders and parts", () => {
    const operation = view.operations.find((op) => op.key === "createJob");
    expect(operation?.pathTemplate).toBe(
      "/api/v1/projects/{projectName}/media/transforms/{transformName}/jobs/{jobName}",
    );
    expect(operation?.pathParts[1]).toEqual({
      text: null,
      param: "projectName",
      encoding: "path-segment",
      segmentEncoding: null,
    });
    expect(operation?.authHeader).toBe("Authorization");
    expect(operation?.authPrefix).toBe("Bearer ");
    expect(operation?.body?.isJson).toBe(true);
    expect(operation?.body?.template).toContain('"assetName": "{assetName}"');
    expect(operation?.parameters.map((param) => param.name)).toContain("jobName");
  });

  it("fills a call with recorded values", () => {
    const call = view.calls.find((c) => c.operation === "postAssetsRefreshThumbnails");
    expect(call?.url).toBe(
      "/api/v1/projects/demo-project/media/assets/trailer-2024/refreshThumbnails?mode=fast",
    );
    expect(call?.query).toBe("mode=fast");
    expect(call?.body?.data).toEqual({ sizes: [320, 640] });
  });

  it("leaves a secret as its placeholder", () => {
    const call = view.calls.find((c) => c.operation === "createOrUpdateStreamingLocator");
    expect(call?.body?.text).toContain('"value": "{contentKeyValue}"');
    const arg = call?.args.find((a) => a.variable === "contentKeyValue");
    expect(arg).toMatchObject({ value: null, secret: true, in: "body" });
  });

  it("lists variables with their environment names", () => {
    expect(view.variables[0]).toEqual({
      name: "projectName",
      value: "demo-project",
      secret: false,
      env: "PROJECT_NAME",
    });
    expect(view.secrets.map((secret) => secret.env)).toEqual(["CONTENT_KEY_VALUE", "ACCESS_TOKEN"]);
  });

  it("fills a path segment with the escapes it was recorded with", async () => {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-view-"));
    const url = "https://api.mk.io/api/v1/projects/demo/media/assets/a%28b%29%2f";
    const capture = writeHar(dir, "path-escapes.har", [{ method: "DELETE", url }]);
    const escaped = sessionView(await sessionOf(capture), "https://api.mk.io");
    const [call] = escaped.calls;
    expect(call?.path).toBe("/api/v1/projects/demo/media/assets/a%28b%29%2f");
    const slot = escaped.operations[0]?.pathParts.find((part) => part.param === "assetName");
    expect(slot?.segmentEncoding).toEqual({ encode: "()", keep: "", lowerCaseHex: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts repeated calls", () => {
    const call = view.calls.find((c) => c.operation === "startStreamingEndpoint");
    expect(call?.count).toBe(2);
    expect(call?.entries).toEqual([
      "fixtures/portal-current-session.har entries[11]",
      "fixtures/portal-current-session.har entries[12]",
    ]);
  });
});
