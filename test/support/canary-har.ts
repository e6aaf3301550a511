/**
 * A capture with a distinct secret planted in every place a portal session can carry one, for
 * tests that check that no output contains any of them.
 */

function jwt(label: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ canary: label, sub: "user" })}.${Buffer.from(`sig-${label}`).toString("base64url")}`;
}

/** The planted secrets by where they are planted. */
export const CANARIES = {
  authorization: jwt("authorization-header"),
  mkioToken: jwt("x-mkio-token-header"),
  cookie: "CANARYcookieValue4711",
  setCookie: "CANARYsetCookieValue0815",
  requestCookieArray: "CANARYrequestCookieArray99",
  responseCookieArray: "CANARYresponseCookieArray98",
  apiKeyHeader: "CANARYapiKeyHeader42",
  proxyAuthorization: "CANARYproxyAuth77",
  querySig: "CANARYquerySig%2Babc%3D",
  queryToken: "CANARYqueryToken55",
  userInfo: "CANARYuserInfoPass31",
  sasToken: "?sv=2022-11-02&sp=rl&sig=CANARYsasTokenSig12",
  contentKey: "CANARYcontentKeyValue2024",
  accessToken: "CANARYliveAccessToken0001",
  deepPassword: "CANARYdeepPassword7",
  jwtInNote: jwt("jwt-under-innocuous-key"),
  sasUrlInDescription: "https://acct.blob.core.windows.net/c/f.mp4?sv=2022&sig=CANARYsasInText33",
  formPassword: "CANARYformPassword21",
  base64Body: "CANARYbase64BodySecret64",
  responseToken: "CANARYlegacyLoginToken0042",
  responseAccessToken: "CANARYresponseAccessToken17",
  base64Response: "CANARYbase64ResponseSecret9",
  opaqueToken: "CANARYopaqueBearer7788",
  opaqueApiKey: "CANARYopaqueApiKey5150",
  azureKeyList: "CANARYazureKeyListValue1",
  keyListItem: "CANARYplainKeyItem3",
  nameValuePair: "CANARYnameValuePair5",
  encodedSig: "CANARYencodedSig66",
  basicCredential: Buffer.from("svc:CANARYbasicPassword8").toString("base64"),
  webSocketKey: "CANARYwebSocketStreamKey2",
  pageField: "CANARYpageFieldKey14",
  xssiKey: "CANARYxssiStreamKey19",
  encodedQueryName: "CANARYencodedNameSig27",
  latin1Password: "CANARYlatin1Password8",
  ndjsonKey: "CANARYndjsonStreamKey4",
  ndjsonRequestKey: "CANARYndjsonRequestKey6",
  otherHostToken: "CANARYotherHostToken9",
  embeddedRequestKey: "CANARYembeddedRequestKey3",
} as const;

const API = "https://api.mk.io/api/v1/projects/canary-project/media";

interface Extra {
  /** Replaces the recorded auth headers. */
  headers?: { name: string; value: string }[];
  queryString?: { name: string; value: string }[];
  /** Members added to the entry, such as `_webSocketMessages`. */
  fields?: object;
}

function entry(method: string, url: string, postData?: object, response?: object, extra?: Extra) {
  return {
    ...extra?.fields,
    startedDateTime: "2026-11-20T10:00:00.000Z",
    time: 10,
    request: {
      method,
      url,
      httpVersion: "HTTP/1.1",
      headers: extra?.headers ?? [
        { name: "Authorization", value: `Bearer ${CANARIES.authorization}` },
        { name: "x-mkio-token", value: CANARIES.mkioToken },
        { name: "Cookie", value: `session=${CANARIES.cookie}` },
        { name: "x-api-key", value: CANARIES.apiKeyHeader },
        { name: "Proxy-Authorization", value: `Basic ${CANARIES.proxyAuthorization}` },
      ],
      cookies: [{ name: "session", value: CANARIES.requestCookieArray }],
      queryString: extra?.queryString ?? [],
      headersSize: -1,
      bodySize: -1,
      ...(postData ? { postData } : {}),
    },
    response: {
      status: 200,
      statusText: "OK",
      httpVersion: "HTTP/1.1",
      headers: [{ name: "Set-Cookie", value: `refresh=${CANARIES.setCookie}; HttpOnly` }],
      cookies: [{ name: "refresh", value: CANARIES.responseCookieArray }],
      content: { size: 0, mimeType: "application/json", ...response },
      redirectURL: "",
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 1, wait: 1, receive: 1 },
  };
}

function json(value: object) {
  return { mimeType: "application/json", text: JSON.stringify(value) };
}

/** Builds the canary capture as HAR 1.2 text. */
export function canaryHar(): string {
  const entries = [
    // Copies of opaque secrets come before the headers that make them secret.
    entry(
      "PUT",
      `${API}/assets/other-host-copy`,
      json({ properties: { description: CANARIES.otherHostToken } }),
    ),
    entry(
      "GET",
      "https://portal.example.test/session",
      undefined,
      {},
      { headers: [{ name: "x-portal-token", value: CANARIES.otherHostToken }] },
    ),
    entry(
      "PUT",
      `${API}/assets/early-copy?note=${CANARIES.opaqueToken}`,
      json({
        properties: {
          description: CANARIES.opaqueToken,
          alternateId: `key ${CANARIES.opaqueApiKey} pasted`,
        },
      }),
      {
        text: JSON.stringify({ echo: CANARIES.opaqueToken, note: `see ${CANARIES.opaqueApiKey}` }),
      },
    ),
    entry(
      "POST",
      `${API}/assets/early-copy/notes`,
      {
        mimeType: "text/plain",
        text: `pasted ${CANARIES.opaqueToken} and ${CANARIES.opaqueApiKey}`,
      },
      {
        text: JSON.stringify({
          keys: [{ keyName: "key1", permissions: "Full", value: CANARIES.azureKeyList }],
          primaryKeys: [CANARIES.keyListItem],
          headers: [{ name: "Authorization", value: CANARIES.nameValuePair }],
          url: `https%3A%2F%2Facct.blob.core.windows.net%2Fc%3Fsv%3D2022%26sig%3D${CANARIES.encodedSig}%26se%3D1`,
          auth: `Basic ${CANARIES.basicCredential}`,
        }),
      },
    ),
    entry(
      "GET",
      `${API}/liveEvents/opaque?si%67=${CANARIES.encodedQueryName}`,
      undefined,
      { text: `)]}'\n{"properties": {"streamKey": "${CANARIES.xssiKey}"}}` },
      {
        headers: [
          { name: "Authorization", value: `Bearer ${CANARIES.opaqueToken}` },
          { name: "x-api-key", value: CANARIES.opaqueApiKey },
        ],
        queryString: [{ name: "si%67", value: CANARIES.encodedQueryName }],
        fields: {
          _webSocketMessages: [
            {
              type: "send",
              time: 1,
              opcode: 1,
              data: JSON.stringify({ streamKey: CANARIES.webSocketKey }),
            },
          ],
        },
      },
    ),
    entry("POST", `${API}/liveEvents/stream/messages`, {
      mimeType: "application/x-ndjson",
      text: `{"n": 1}\n{"ingest": {"streamKey": "${CANARIES.ndjsonRequestKey}"}}\n`,
    }),
    entry("GET", `${API}/liveEvents/stream`, undefined, {
      mimeType: "application/x-ndjson",
      text: `{"n": 1}\n{"ingest": {"streamKey": "${CANARIES.ndjsonKey}"}}\n`,
    }),
    entry("GET", `${API}/assets/latin1`, undefined, {
      mimeType: "text/plain",
      encoding: "base64",
      text: Buffer.from(`caf\u00e9 password=${CANARIES.latin1Password}`, "latin1").toString(
        "base64",
      ),
    }),
    entry(
      "PUT",
      `${API}/assets/canary-asset?sig=${CANARIES.querySig}&token=${CANARIES.queryToken}`,
      json({
        properties: {
          storageAccountName: "canarystorage",
          description: `copied from ${CANARIES.sasUrlInDescription}`,
          alternateId: CANARIES.jwtInNote,
        },
        labels: {
          nested: JSON.stringify({ deeper: [{ password: CANARIES.deepPassword }] }),
          payload: JSON.stringify({ ingest: { streamKey: CANARIES.embeddedRequestKey } }),
        },
      }),
    ),
    entry(
      "PUT",
      `https://user:${CANARIES.userInfo}@api.mk.io/api/v1/projects/canary-project/storage/canary-storage`,
      json({
        spec: {
          type: "Microsoft.Storage",
          url: "https://acct.blob.core.windows.net",
          credential: { sasToken: CANARIES.sasToken },
        },
      }),
    ),
    entry(
      "PUT",
      `${API}/streamingLocators/canary-locator`,
      json({
        properties: {
          assetName: "canary-asset",
          streamingPolicyName: "Predefined_ClearKey",
          contentKeys: [{ id: "k1", value: CANARIES.contentKey }],
        },
      }),
    ),
    entry(
      "PUT",
      `${API}/liveEvents/canary-event`,
      json({
        properties: {
          input: {
            streamingProtocol: "RTMP",
            accessToken: CANARIES.accessToken,
            nested: { level: [{ password: CANARIES.deepPassword }] },
          },
        },
      }),
      {
        text: JSON.stringify({
          properties: { input: { accessToken: CANARIES.responseAccessToken } },
        }),
      },
    ),
    entry("POST", `${API}/assets/canary-asset/notes`, {
      mimeType: "application/x-www-form-urlencoded",
      text: `note=hello&password=${CANARIES.formPassword}`,
      params: [
        { name: "note", value: "hello" },
        { name: "password", value: CANARIES.formPassword },
      ],
    }),
    entry(
      "PUT",
      `${API}/assets/canary-base64`,
      {
        mimeType: "application/json",
        encoding: "base64",
        text: Buffer.from(
          JSON.stringify({ properties: { storageAccountName: "s", secret: CANARIES.base64Body } }),
        ).toString("base64"),
      },
      {
        encoding: "base64",
        text: Buffer.from(JSON.stringify({ clientSecret: CANARIES.base64Response })).toString(
          "base64",
        ),
      },
    ),
    entry("GET", "https://api.mk.io/auth/token/", undefined, {
      text: JSON.stringify({ user_id: "u1", token: CANARIES.responseToken }),
    }),
  ];
  return JSON.stringify({
    log: {
      version: "1.2",
      creator: { name: "canary", version: "1" },
      pages: [
        {
          startedDateTime: "2026-11-20T10:00:00.000Z",
          id: "page_1",
          title: "MK/IO",
          pageTimings: {},
          _extra: JSON.stringify({ primaryKey: CANARIES.pageField }),
        },
      ],
      entries,
    },
  });
}

/** The forms in which a secret could leak: plain, URL-encoded, JSON-escaped and base64. */
export function leakForms(secret: string): string[] {
  const decoded = decodeURIComponent(secret);
  return [
    secret,
    decoded,
    encodeURIComponent(decoded),
    JSON.stringify(decoded).slice(1, -1),
    Buffer.from(decoded).toString("base64").slice(0, 20),
    Buffer.from(decoded).toString("base64url").slice(0, 20),
  ];
}
