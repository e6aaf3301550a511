import type { CatalogOperation } from "../catalog/catalog.js";
import { describeRef, type RecordedEntry } from "../har/types.js";
import { stringifyJson } from "../redact/json-text.js";
import { KnownSecrets } from "../redact/known-secrets.js";
import { redactFreeText } from "../redact/redact-body.js";
import { redactBodyText } from "../redact/redact-har.js";
import { redactJson } from "../redact/redact-json.js";
import type { SelectedCall } from "../select/select.js";
import { WarningList } from "../warnings.js";
import { decodeBody } from "./body.js";
import { collectKnownSecrets } from "./capture-secrets.js";
import { OperationDraft } from "./draft.js";
import { templateJson } from "./json-template.js";
import { uniqueName } from "./names.js";
import { type Recognized, recognize } from "./recognize.js";
import { authOf, contentTypeHeader, templateHeaders, templatePath } from "./request-parts.js";
import { responseOf } from "./response.js";
import { templateForm, templateText } from "./text-template.js";
import {
  type BodyTemplate,
  type Call,
  type Operation,
  ParamRef,
  type SelectionStats,
  type SessionModel,
} from "./types.js";
import { VariableTable } from "./variables.js";
import { VaryingFields } from "./varying.js";

interface Built {
  operation: Omit<Operation, "key">;
  baseKey: string;
  call: Omit<Call, "operationKey">;
  authRecorded: boolean;
}

function fieldsOf(operation: CatalogOperation | undefined) {
  return new Map((operation?.bodyFields ?? []).map((field) => [field.path, field]));
}

/** Deepest JSON body that is templated; MK/IO bodies are under ten levels deep. */
const MAX_BODY_DEPTH = 100;

/** Measures nesting without recursion, so that a hostile body cannot overflow the stack. */
function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    if (typeof current !== "object" || current === null) continue;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Returns recorded text that templates copy as it is, such as a media type, with every secret in
 * it replaced by the marker.
 */
function scrubbed(text: string, variables: VariableTable): string {
  return redactFreeText(text, variables.known);
}

function templateBody(
  entry: RecordedEntry,
  draft: OperationDraft,
  variables: VariableTable,
  catalogOperation: CatalogOperation | undefined,
  warnings: WarningList,
  varying: ReadonlySet<string> | undefined,
): BodyTemplate | undefined | "unsupported" {
  const body = decodeBody(entry.request.postData, contentTypeHeader(entry));
  switch (body.kind) {
    case "none":
      return undefined;
    case "binary":
      warnings.add(
        describeRef(entry.ref, "request.postData"),
        "binary request body cannot be templated; call skipped",
      );
      return "unsupported";
    case "json": {
      if (jsonDepth(body.value) > MAX_BODY_DEPTH) {
        warnings.add(
          describeRef(entry.ref, "request.postData"),
          `JSON body is nested deeper than ${MAX_BODY_DEPTH} levels; call skipped`,
        );
        return "unsupported";
      }
      const fields = fieldsOf(catalogOperation);
      const context = { draft, variables, fields, varying: varying ?? new Set<string>() };
      const mimeType = scrubbed(body.mimeType, variables);
      return { kind: "json", mimeType, value: templateJson(body.value, context) };
    }
    case "text": {
      if (body.warning) warnings.add(describeRef(entry.ref, "request.postData"), body.warning);
      const form = /^application\/x-www-form-urlencoded/i.test(body.mimeType);
      const parts = form
        ? templateForm(body.text, "body", draft, variables)
        : templateText(body.text, draft, variables);
      return { kind: "text", mimeType: scrubbed(body.mimeType, variables), parts };
    }
  }
}

function baseKeyOf(recognized: Recognized): string {
  if (recognized.catalogId) return recognized.catalogId;
  const [first = "", ...rest] = recognized.name.split(" ");
  return [first.toLowerCase(), ...rest].join("");
}

function buildOne(
  selected: SelectedCall,
  variables: VariableTable,
  warnings: WarningList,
  varying?: ReadonlySet<string>,
): Built | undefined {
  const { entry, url } = selected;
  const recognized = recognize(selected, variables.known);

  // Parameters are added in the order path, query, body, headers: the order functions take them.
  const draft = new OperationDraft();
  const pathParts = templatePath(url, recognized, draft, variables);
  const queryParts = url.query ? templateForm(url.query, "query", draft, variables) : [];
  const catalogOperation = selected.match?.operation;
  const body = templateBody(entry, draft, variables, catalogOperation, warnings, varying);
  if (body === "unsupported") return undefined;
  const headers = templateHeaders(entry, body?.mimeType, draft, variables);
  const auth = authOf(entry, recognized);

  const operation: Omit<Operation, "key"> = {
    catalogId: recognized.catalogId,
    name: recognized.name,
    resource: recognized.resource,
    undocumented: recognized.catalogId === null,
    method: entry.request.method,
    shape: recognized.shape,
    auth: auth.scheme,
    pathTemplate: displayTemplate(pathParts),
    pathParts,
    queryParts,
    headers,
    parameters: draft.parameters,
  };
  if (body) operation.body = body;

  const call: Omit<Call, "operationKey"> = {
    args: draft.args,
    count: selected.count,
    status: entry.response.status,
    refs: selected.refs,
    response: responseOf(entry),
  };
  if (entry.startedDateTime) call.startedDateTime = entry.startedDateTime;
  return { operation, baseKey: baseKeyOf(recognized), call, authRecorded: auth.recorded };
}

function displayTemplate(parts: Operation["pathParts"]): string {
  return parts.map((part) => ("text" in part ? part.text : `{${part.slot.param}}`)).join("");
}

/** Serializes everything that makes two calls share one template: all but the arguments. */
function signature(operation: Omit<Operation, "key">): string {
  // Strings and parameters get distinct prefixes, so no recorded string can pass for a parameter.
  return JSON.stringify(operation, (_key, value: unknown) => {
    if (value instanceof ParamRef) return `p:${value.param}`;
    return typeof value === "string" ? `s:${value}` : value;
  });
}

/** Gives each template a unique key; a shape that coexists with the other gets `Legacy`. */
function assignKeys(groups: readonly Group[]): string[] {
  const shapesByBase = new Map<string, Set<string>>();
  for (const { baseKey, operation } of groups) {
    shapesByBase.set(baseKey, (shapesByBase.get(baseKey) ?? new Set()).add(operation.shape));
  }
  const taken = new Set<string>();
  const next = new Map<string, number>();
  return groups.map(({ baseKey, operation }) => {
    const mixed = (shapesByBase.get(baseKey)?.size ?? 0) > 1;
    const base = mixed && operation.shape === "legacy" ? `${baseKey}Legacy` : baseKey;
    const key = uniqueName(base, (name) => taken.has(name), next);
    taken.add(key);
    return key;
  });
}

/** Creates the variables of every path first, so that a body naming an asset created later in
 * the session still finds its variable. */
function pathVariables(selected: readonly SelectedCall[], known: KnownSecrets): VariableTable {
  const variables = new VariableTable(known);
  for (const call of selected) {
    const recognized = recognize(call, known);
    for (const [name, value] of recognized.values) {
      const secret = recognized.secretVariables.has(name) || variables.holdsSecret(value);
      variables.intern(name, value, secret);
    }
  }
  return variables;
}

/**
 * Removes from recorded responses every known secret (the requests' tokens, keys and secret
 * fields, which responses often echo) and everything secret by name or shape, with the rules of
 * `redactJson`. JSON is redacted value by value, so that escapes such as `\/` cannot hide a secret.
 */
function redactResponses(built: { call: Omit<Call, "operationKey"> }[], known: KnownSecrets): void {
  for (const { call } of built) {
    const text = call.response.text;
    if (text === undefined) continue;
    const parsed = parseJson(text);
    if (parsed === undefined) {
      call.response.text = redactBodyText(text, call.response.mimeType, { known });
      continue;
    }
    // Formats walk response JSON recursively; a response nested this deep is no example anyway.
    call.response.text =
      jsonDepth(parsed) > MAX_BODY_DEPTH ? undefined : stringifyJson(redactJson(parsed, { known }));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface Group {
  index: number;
  baseKey: string;
  operation: Omit<Operation, "key">;
}

/**
 * Builds the normalized session model from the kept calls, in recorded order. `known` contains
 * secrets already seen in the capture, such as the tokens of calls that were not kept.
 */
export function buildSession(
  selected: SelectedCall[],
  stats: SelectionStats,
  warnings: WarningList,
  known = new KnownSecrets(),
): SessionModel {
  // A first pass on scratch tables finds the body text that varies between similar calls, and
  // the secrets of body fields, so that a copy recorded earlier in the session is found too.
  collectKnownSecrets(selected, known);
  const scratch = pathVariables(selected, known);
  const fields = new VaryingFields();
  for (const call of selected) fields.add(buildOne(call, scratch, new WarningList())?.operation);
  const varying = fields.result();
  for (const value of scratch.secretValues()) known.add(value);

  const variables = pathVariables(selected, known);
  const groups: Group[] = [];
  const bySignature = new Map<string, Group>();
  const built: { group: Group; call: Omit<Call, "operationKey"> }[] = [];
  let authRecorded = false;
  for (const [index, selectedCall] of selected.entries()) {
    const one = buildOne(selectedCall, variables, warnings, varying[index]);
    if (!one) {
      // The warning names the entry; the summary counts it among the skipped calls.
      stats.kept -= selectedCall.count;
      stats.duplicates -= selectedCall.count - 1;
      stats.skipped.set("body", (stats.skipped.get("body") ?? 0) + selectedCall.count);
      continue;
    }
    authRecorded ||= one.authRecorded;
    const key = signature(one.operation);
    let group = bySignature.get(key);
    if (!group) {
      group = { index: groups.length, baseKey: one.baseKey, operation: one.operation };
      bySignature.set(key, group);
      groups.push(group);
    }
    built.push({ group, call: one.call });
  }

  for (const value of variables.secretValues()) known.add(value);
  redactResponses(built, known);
  const keys = assignKeys(groups);
  const keyOf = (group: Group) => keys[group.index] ?? group.baseKey;
  return {
    operations: groups.map((group) => ({ key: keyOf(group), ...group.operation })),
    calls: built.map(({ group, call }) => ({ operationKey: keyOf(group), ...call })),
    variables: variables.list(),
    stats,
    authMissing: !authRecorded && built.length > 0,
  };
}
