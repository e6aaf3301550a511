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
  deepEmbeddedKey: "CANARYdeepEmbeddedKey6",
  socketIoKey: "CANARYsocketIoKey42",
  signalRKey: "CANARYsignalRKey61",
  doubleEncodedKey: "CANARYdoubleEncodedKey2",
  utf16Response: "CANARYutf16Response16",
  utf16BigEndianResponse: "CANARYutf16BigEndian32",
  lowerCasePercent: "CANARYlower+Percent/9=",
  formSpaces: "CANARY form Spaces 8x",
  unknownMember: "CANARYunknownMember19",
} as const;

/**
 * Returns a name and value pair that only its place makes secret, because no text pattern reads
 * `value`.
 */
function apiKeyPair(value: string): object {
  return { name: "x-api-key", value };
}

/** Returns an Azure-style key list, whose `value` only its place makes secret. */
function keyList(value: string): object {
  return { keys: [{ keyName: "k", value }] };
}

/** Returns the JSON text of `inner` inside `levels` levels of JSON strings. */
function nestedJson(inner: object, levels: number): string {
  let text = JSON.stringify(inner);
  for (let level = 1; level < levels; level++) text = JSON.stringify({ wrapped: text });
  return text;
}

/** Writes the hex digits of every percent escape in lower case, as .NET's encoder does. */
function lowerCaseEscapes(encoded: string): string {
  return encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
}

function utf16Json(value: object, bigEndian: boolean): string {
  const mark = bigEndian ? "\ufeff" : "";
  const bytes = Buffer.from(mark + JSON.stringify(value), "utf16le");
  return (bigEndian ? bytes.swap16() : bytes).toString("base64");
}

const API = "https://api.mk.io/api/v1/projects/canary-project/media";

interface Extra {
  /** Replaces the recorded auth headers. */
  headers?: { name: string; value: string }[];
  /** Members added to the request, such as a browser's `_` fields. */
  request?: object;
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
      ...extra?.request,
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
  const lowerCaseNote = lowerCaseEscapes(encodeURIComponent(CANARIES.lowerCasePercent));
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
    // Copies of a key with escapes, sent in a header later.
    entry(
      "PUT",
      `${API}/assets/encoded-copy?note=${lowerCaseNote}`,
      json({ properties: { description: "encoded copies" } }),
    ),
    entry("POST", `${API}/assets/encoded-copy/notes`, {
      mimeType: "application/x-www-form-urlencoded",
      text: `note=${encodeURIComponent(CANARIES.formSpaces).replaceAll("%20", "+")}`,
    }),
    entry(
      "GET",
      `${API}/assets/encoded-copy`,
      undefined,
      {},
      {
        headers: [
          { name: "x-api-key", value: CANARIES.lowerCasePercent },
          { name: "x-api-secret", value: CANARIES.formSpaces },
        ],
      },
    ),
    entry(
      "PUT",
      `${API}/assets/framed-json`,
      json({
        properties: {
          description: nestedJson(apiKeyPair(CANARIES.deepEmbeddedKey), 6),
          alternateId: `42["auth",${JSON.stringify(apiKeyPair(CANARIES.socketIoKey))}]`,
        },
        labels: {
          encodedTwice: JSON.stringify(JSON.stringify(apiKeyPair(CANARIES.doubleEncodedKey))),
        },
      }),
      {
        mimeType: "text/plain",
        text: `{"type":1,"arguments":[${JSON.stringify(keyList(CANARIES.signalRKey))}]}\u001e`,
      },
      {
        request: { _auth: { token: CANARIES.unknownMember } },
        fields: {
          _webSocketMessages: [
            {
              type: "receive",
              time: 1,
              opcode: 1,
              data: `42["auth",${JSON.stringify(apiKeyPair(CANARIES.socketIoKey))}]`,
            },
            {
              type: "receive",
              time: 1,
              opcode: 1,
              data: nestedJson(apiKeyPair(CANARIES.deepEmbeddedKey), 6),
            },
          ],
        },
      },
    ),
    entry("GET", `${API}/assets/utf16`, undefined, {
      mimeType: "application/json; charset=utf-16",
      encoding: "base64",
      text: utf16Json({ accessToken: CANARIES.utf16Response }, false),
    }),
    entry("GET", `${API}/assets/utf16be`, undefined, {
      mimeType: "application/json; charset=utf-16",
      encoding: "base64",
      text: utf16Json({ properties: { streamKey: CANARIES.utf16BigEndianResponse } }, true),
    }),
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

/**
 * The forms in which a secret could leak: plain, URL-encoded (also with lower-case escapes and
 * `+` for a space), JSON-escaped, base64, and UTF-16 text read as UTF-8, which a JSON string
 * shows with `\u0000` between the characters.
 */
export function leakForms(secret: string): string[] {
  const decoded = decodeURIComponent(secret);
  const encoded = encodeURIComponent(decoded);
  return [
    secret,
    decoded,
    encoded,
    lowerCaseEscapes(encoded),
    encoded.replaceAll("%20", "+"),
    JSON.stringify(decoded).slice(1, -1),
    [...decoded].join("\\u0000"),
    Buffer.from(decoded).toString("base64").slice(0, 20),
    Buffer.from(decoded).toString("base64url").slice(0, 20),
  ];
}
